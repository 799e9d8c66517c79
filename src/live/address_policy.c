#include "live/address_policy.h"

#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

/* IANA's IPv4 Special-Purpose Address Registry: every block not globally
 * reachable, and multicast, reserved and broadcast beside it. */
static bool v4_private(uint32_t a)
{
	static const struct {
		uint32_t net, mask;
	} ranges[] = {
		{0x00000000, 0xff000000}, /* 0/8: "this network" */
		{0x0a000000, 0xff000000}, /* 10/8 */
		{0x64400000, 0xffc00000}, /* 100.64/10: shared address space */
		{0x7f000000, 0xff000000}, /* 127/8: loopback */
		{0xa9fe0000, 0xffff0000}, /* 169.254/16: link-local, cloud metadata */
		{0xac100000, 0xfff00000}, /* 172.16/12 */
		{0xc0000000, 0xffffff00}, /* 192.0.0/24: protocol assignments (but .9 and .10, below) */
		{0xc0000200, 0xffffff00}, /* 192.0.2/24: documentation (TEST-NET-1) */
		{0xc0586300, 0xffffff00}, /* 192.88.99/24: the 6to4 relay anycast, deprecated */
		{0xc0a80000, 0xffff0000}, /* 192.168/16 */
		{0xc6120000, 0xfffe0000}, /* 198.18/15: benchmarking */
		{0xc6336400, 0xffffff00}, /* 198.51.100/24: documentation (TEST-NET-2) */
		{0xcb007100, 0xffffff00}, /* 203.0.113/24: documentation (TEST-NET-3) */
		{0xe0000000, 0xe0000000}, /* 224/3: multicast, reserved, broadcast */
	};
	if (a == 0xc0000009 || a == 0xc000000a)
		return false; /* 192.0.0.9 and .10: anycast services the registry calls global */
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if ((a & ranges[i].mask) == ranges[i].net)
			return true;
	return false;
}

static uint32_t v4_at(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Whether the first bits of b are those of prefix. */
static bool v6_in(const unsigned char b[16], const unsigned char prefix[16], unsigned bits)
{
	for (unsigned i = 0; i < bits; i++) {
		unsigned mask = 0x80u >> (i % 8);
		if ((b[i / 8] & mask) != (prefix[i / 8] & mask))
			return false;
	}
	return true;
}

#define V6(...) ((const unsigned char[16]){__VA_ARGS__})

/* IANA's IPv6 Special-Purpose Address Registry. An address that carries an
 * IPv4 one (mapped, compatible, NAT64's well-known prefix, 6to4) is judged
 * by it: a gateway would take the connection there. Outside 2000::/3 no
 * address is global unicast today. */
static bool v6_private(const unsigned char b[16])
{
	static const unsigned char zero[16] = {0};
	if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
		return true; /* :: and ::1 */
	if (v6_in(b, V6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff), 96) || /* ::ffff:0:0/96, mapped */
	    v6_in(b, zero, 96) ||                                         /* ::/96, compatible (deprecated) */
	    v6_in(b, V6(0, 0x64, 0xff, 0x9b), 96))                        /* 64:ff9b::/96, NAT64 */
		return v4_private(v4_at(b + 12));
	if (v6_in(b, V6(0x20, 0x02), 16)) /* 2002::/16, 6to4: the IPv4 address follows */
		return v4_private(v4_at(b + 2));
	static const struct {
		unsigned char net[16];
		unsigned bits;
	} global[] = {
		/* in 2001::/23, the registry's globally reachable blocks */
		{{0x20, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128}, /* PCP anycast */
		{{0x20, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, 128}, /* TURN anycast */
		{{0x20, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3}, 128}, /* DNS-SD SRP anycast */
		{{0x20, 0x01, 0, 3}, 32},                                       /* AMT */
		{{0x20, 0x01, 0, 4, 0x01, 0x12}, 48},                           /* AS112-v6 */
		{{0x20, 0x01, 0, 0x20}, 28},                                    /* ORCHIDv2 */
		{{0x20, 0x01, 0, 0x30}, 28},                                    /* drone remote ID */
	};
	for (size_t i = 0; i < sizeof global / sizeof global[0]; i++)
		if (v6_in(b, global[i].net, global[i].bits))
			return false;
	static const struct {
		unsigned char net[16];
		unsigned bits;
	} special[] = {
		{{0, 0x64, 0xff, 0x9b, 0, 1}, 48},     /* 64:ff9b:1::/48, local-use translation */
		{{0x01, 0x00}, 64},                    /* 100::/64, discard-only */
		{{0x01, 0x00, 0, 0, 0, 0, 0, 1}, 64},  /* 100:0:0:1::/64, dummy prefix */
		{{0x20, 0x01}, 23},                    /* 2001::/23: Teredo, benchmarking, ORCHID, … */
		{{0x20, 0x01, 0x0d, 0xb8}, 32},        /* 2001:db8::/32, documentation */
		{{0x3f, 0xff}, 20},                    /* 3fff::/20, documentation */
		{{0x5f, 0x00}, 16},                    /* 5f00::/16, SRv6 SIDs */
		{{0xfc}, 7},                           /* fc00::/7, unique local */
		{{0xfe, 0x80}, 10},                    /* fe80::/10, link-local */
		{{0xfe, 0xc0}, 10},                    /* fec0::/10, site-local (deprecated) */
		{{0xff}, 8},                           /* multicast */
	};
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (v6_in(b, special[i].net, special[i].bits))
			return true;
	return !v6_in(b, V6(0x20), 3); /* not global unicast */
}

bool address_is_private(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		return v4_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		return v6_private(in6->sin6_addr.s6_addr);
	}
	return true;
}
