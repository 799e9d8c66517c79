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

/* Loopback, private (RFC 1918, unique local), shared (100.64/10),
 * link-local, unspecified, multicast, reserved and documentation-free
 * special ranges; IPv4-mapped IPv6 addresses as their IPv4 address. Any
 * family other than IPv4 and IPv6 counts as private. */
bool address_is_private(const struct sockaddr *sa);

#endif
