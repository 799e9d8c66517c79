/* example_hosts.h — hosts that stand for no real source: the domains and
 * top-level names reserved for documentation and testing (RFC 2606, RFC
 * 6761: example.com, example.net, example.org, .test, .example, .invalid,
 * .localhost), localhost, and loopback, private or link-local address
 * literals. A link to one in a report is an example, not a citation. */
#ifndef CITECHECK_EXAMPLE_HOSTS_H
#define CITECHECK_EXAMPLE_HOSTS_H

#include <stdbool.h>

/* host: lower case, as curl gives it ("[::1]" for IPv6 literals). */
bool host_is_example(const char *host);

#endif
