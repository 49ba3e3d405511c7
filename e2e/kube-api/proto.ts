// kubectl's typed clients send some requests as protobuf (`auth can-i` posts a
// SelfSubjectAccessReview that way). The test server decodes just that message; other protobuf
// bodies get 415. Answers are always JSON, which client-go accepts by Content-Type.

type Field = { no: number; wire: number; value: number | Buffer };

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error("truncated varint");
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7;
  }
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = varint(buf, pos);
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, p2] = varint(buf, p1);
      out.push({ no, wire, value: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = varint(buf, p1);
      out.push({ no, wire, value: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (fs: Field[], no: number) => {
  const f = fs.find((x) => x.no === no && x.wire === 2);
  return f ? (f.value as Buffer).toString("utf8") : "";
};
const sub = (fs: Field[], no: number) => {
  const f = fs.find((x) => x.no === no && x.wire === 2);
  return f ? fields(f.value as Buffer) : [];
};

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Decode a protobuf-encoded SelfSubjectAccessReview into its JSON shape; undefined if it is another kind. */
export function decodeSelfSubjectAccessReview(body: Buffer): Record<string, unknown> | undefined {
  if (!body.subarray(0, 4).equals(MAGIC)) return undefined;
  const unknown = fields(body.subarray(4));
  const typeMeta = sub(unknown, 1);
  if (str(typeMeta, 2) !== "SelfSubjectAccessReview") return undefined;
  const raw = unknown.find((f) => f.no === 2 && f.wire === 2)?.value as Buffer | undefined;
  const review = raw ? fields(raw) : [];
  const spec = sub(review, 2);
  const ra = sub(spec, 1);
  const nra = sub(spec, 2);
  const resourceAttributes = ra.length
    ? {
        namespace: str(ra, 1),
        verb: str(ra, 2),
        group: str(ra, 3),
        version: str(ra, 4),
        resource: str(ra, 5),
        subresource: str(ra, 6),
        name: str(ra, 7),
      }
    : undefined;
  const nonResourceAttributes = nra.length ? { path: str(nra, 1), verb: str(nra, 2) } : undefined;
  return {
    apiVersion: str(typeMeta, 1),
    kind: "SelfSubjectAccessReview",
    metadata: {},
    spec: {
      ...(resourceAttributes ? { resourceAttributes } : {}),
      ...(nonResourceAttributes ? { nonResourceAttributes } : {}),
    },
  };
}
