#include <arpa/inet.h>
#include <netinet/in.h>

#include "live/address_policy.h"
#include "check.h"

/* Whether the numeric address text is private by address_is_private. */
static int private_text(const char *s)
{
	struct sockaddr_in in4 = {.sin_family = AF_INET};
	struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
	if (inet_pton(AF_INET, s, &in4.sin_addr) == 1)
		return address_is_private((struct sockaddr *)&in4);
	if (inet_pton(AF_INET6, s, &in6.sin6_addr) == 1)
		return address_is_private((struct sockaddr *)&in6);
	return -1;
}

int main(void)
{
	static const char *const private[] = {
		"127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
		"169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.0.8",
		"198.18.0.1", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
		"::ffff:127.0.0.1", "::ffff:10.0.0.1",
		/* the second audit: an IPv4 address inside an IPv6 one, and the
		 * registries' documentation and discard blocks */
		"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::808:808", "2002:7f00:1::1", "2002:a00:1::",
		"::127.0.0.1", "::10.1.2.3", "192.0.2.1", "198.51.100.7", "203.0.113.200", "2001:db8::1",
		"100::1", "100::ffff:ffff:ffff:ffff", "3fff::1", "2001::1", "2001:2::1", "192.88.99.1", "5f00::1",
		"4000::1",
	};
	static const char *const public[] = {
		"93.184.216.34", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.128.0.1", "169.253.0.1",
		"192.169.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
		"::8.8.8.8", "192.0.0.9", "2001:4:112::1", "2001:20::1", "2620:4f:8000::1", "192.0.3.1",
		"198.51.101.1", "203.0.114.1", "2001:dc8::1",
	};
	for (size_t i = 0; i < sizeof private / sizeof private[0]; i++) {
		int got = private_text(private[i]);
		if (got != 1)
			fprintf(stderr, "%s: want private\n", private[i]);
		CHECK(got == 1);
	}
	for (size_t i = 0; i < sizeof public / sizeof public[0]; i++) {
		int got = private_text(public[i]);
		if (got != 0)
			fprintf(stderr, "%s: want public\n", public[i]);
		CHECK(got == 0);
	}
	struct sockaddr other = {.sa_family = AF_UNIX};
	CHECK(address_is_private(&other));
	return check_done("address");
}
