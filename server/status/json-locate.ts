/**
 * Finds where a JSON text stops being valid: the offset and the path of the value being read
 * (`data.sidecar[0].labelSets`). Used only after JSON.parse failed, because V8's messages give a
 * position for some errors and none for others ("Unexpected end of JSON input").
 */
export interface JsonFault {
  offset: number;
  path: string;
  problem: string;
}

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

export function locateJsonFault(text: string): JsonFault | null {
  const path: Array<string | number> = [];
  let pos = 0;
  const ws = () => {
    while (pos < text.length && " \t\n\r".includes(text[pos])) pos++;
  };
  const fail = (problem: string): never => {
    throw new Fault(
      pos,
      pos >= text.length ? `${problem}, but the body ends` : `${problem}, found ${JSON.stringify(text[pos])}`,
    );
  };
  const string = (): string => {
    if (text[pos] !== '"') fail("expected a string");
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === "\\") pos++;
      else if (text.charCodeAt(pos) < 0x20) fail("control character inside a string");
      pos++;
    }
    if (pos >= text.length) fail("unterminated string");
    pos++;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  /** `{…}` or `[…]` after its opening bracket: members separated by commas until `close`. */
  const container = (close: "}" | "]", member: (index: number) => void): void => {
    pos++;
    ws();
    if (text[pos] === close) {
      pos++;
      return;
    }
    for (let index = 0; ; index++) {
      member(index);
      ws();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === close) {
        pos++;
        return;
      }
      fail(`expected ',' or '${close}'`);
    }
  };
  const value = (): void => {
    ws();
    const c = text[pos];
    if (c === "{") {
      return container("}", () => {
        ws();
        const key = string();
        ws();
        if (text[pos] !== ":") fail(`expected ':' after key ${JSON.stringify(key)}`);
        pos++;
        path.push(key);
        value();
        path.pop();
      });
    }
    if (c === "[") {
      return container("]", (index) => {
        path.push(index);
        value();
        path.pop();
      });
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 400));
    if (!literal) fail("expected a value");
    pos += literal![0].length;
  };
  try {
    value();
    ws();
    if (pos < text.length) fail("expected the end of the body");
    return null;
  } catch (err) {
    if (!(err instanceof Fault)) throw err;
    return { offset: err.offset, path: formatJsonPath(path), problem: err.problem };
  }
}

function formatJsonPath(path: Array<string | number>): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out === "" ? "(root)" : out;
}
