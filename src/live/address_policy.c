#include "live/address_policy.h"

#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

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
		{0xc0000000, 0xffffff00}, /* 192.0.0/24: protocol assignments */
		{0xc0a80000, 0xffff0000}, /* 192.168/16 */
		{0xc6120000, 0xfffe0000}, /* 198.18/15: benchmarking */
		{0xe0000000, 0xe0000000}, /* 224/3: multicast, reserved, broadcast */
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		if ((a & ranges[i].mask) == ranges[i].net)
			return true;
	return false;
}

static bool v6_private(const unsigned char b[16])
{
	static const unsigned char zero[16] = {0};
	if (memcmp(b, zero, 15) == 0 && (b[15] == 0 || b[15] == 1))
		return true; /* :: and ::1 */
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(b, mapped, 12) == 0)
		return v4_private((uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15]);
	return (b[0] & 0xfe) == 0xfc ||               /* fc00::/7: unique local */
	       (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || /* fe80::/10: link-local */
	       (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) || /* fec0::/10: site-local, deprecated */
	       b[0] == 0xff;                           /* multicast */
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
