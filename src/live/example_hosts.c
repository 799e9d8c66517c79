#include "live/example_hosts.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "live/address_policy.h"
#include "util/util.h"

/* host is name or ends in ".name" */
static bool under(const char *host, const char *name)
{
	size_t h = strlen(host), n = strlen(name);
	return h == n ? strcmp(host, name) == 0 : h > n && host[h - n - 1] == '.' && strcmp(host + h - n, name) == 0;
}

static bool private_literal(const char *host)
{
	struct sockaddr_in v4 = {.sin_family = AF_INET};
	struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
	if (inet_pton(AF_INET, host, &v4.sin_addr) == 1)
		return address_is_private((const struct sockaddr *)&v4);
	size_t n = strlen(host);
	if (n > 2 && n < 64 && host[0] == '[' && host[n - 1] == ']') {
		char bare[64];
		memcpy(bare, host + 1, n - 2);
		bare[n - 2] = '\0';
		char *zone = strchr(bare, '%'); /* fe80::1%25eth0 */
		if (zone)
			*zone = '\0';
		if (inet_pton(AF_INET6, bare, &v6.sin6_addr) == 1)
			return address_is_private((const struct sockaddr *)&v6);
	}
	return false;
}

bool host_is_example(const char *host)
{
	static const char *const reserved[] = {"example.com", "example.net", "example.org", "test",
					       "example", "invalid", "localhost"};
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (under(host, reserved[i]))
			return true;
	return private_literal(host);
}
