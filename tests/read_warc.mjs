// read_warc.mjs — reads a WARC file with warcio.js (webrecorder's reader,
// from the npm registry; .ci/setup-tests installs it), independently of
// citecheck, and prints one JSON line per record: its type, target, the
// HTTP status of a response, the payload digest the record states and the
// one computed here from the payload read back, and the text of metadata
// and request blocks. Usage: node read_warc.mjs FILE.warc.gz
import fs from 'node:fs';
import crypto from 'node:crypto';
import { WARCParser } from 'warcio';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes) {
  let bits = 0, value = 0, out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

const parser = new WARCParser(fs.createReadStream(process.argv[2]));
for await (const record of parser) {
  const h = record.warcHeaders.headers;
  const out = { type: record.warcType, uri: record.warcTargetURI || null };
  if (record.warcType === 'response') {
    out.status = record.httpHeaders ? Number(record.httpHeaders.statusCode) : null;
    const payload = await record.readFully(false);
    out.stated = h.get('WARC-Payload-Digest');
    out.computed = 'sha1:' + base32(crypto.createHash('sha1').update(payload).digest());
    out.truncated = h.get('WARC-Truncated') || null;
    out.ip = h.get('WARC-IP-Address') || null;
    out.length = payload.length;
  } else if (record.warcType === 'request') {
    out.head = record.httpHeaders ? record.httpHeaders.toString() : null;
    await record.readFully(false);
  } else {
    out.text = await record.contentText();
  }
  out.date = h.get('WARC-Date');
  console.log(JSON.stringify(out));
}
