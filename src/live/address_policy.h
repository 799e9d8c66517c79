/* address_policy.h — which network addresses citecheck may connect to when
 * it runs as a service on documents from strangers (--no-private): a cited
 * URL must not make it reach the machine itself, its private network or a
 * cloud's metadata service (169.254.169.254). Checked on the address libcurl
 * is about to connect to, after DNS and on every redirect, so neither a name
 * that resolves to 127.0.0.1 nor a redirect to one gets through. */
#ifndef CITECHECK_ADDRESS_POLICY_H
#define CITECHECK_ADDRESS_POLICY_H

#include <stdbool.h>
#include <sys/socket.h>

/* Every block IANA's special-purpose registries (IPv4 and IPv6) do not
 * call globally reachable: loopback, private (RFC 1918, unique local),
 * shared (100.64/10), link-local, unspecified, documentation, benchmarking,
 * discard-only; multicast and reserved; IPv6 outside 2000::/3. An IPv6
 * address that carries an IPv4 one (mapped, compatible, NAT64's 64:ff9b::/96,
 * 6to4) is judged by it. Any family other than IPv4 and IPv6 counts as
 * private. */
bool address_is_private(const struct sockaddr *sa);

#endif
