// Read-only YAML highlighting with the YAML grammar CodeMirror uses (@codemirror/lang-yaml's Lezer parser):
// the text becomes lines of classed segments, so the viewer keeps every line in the DOM (jump-to-object,
// find-in-page and copy see the whole document) without an editor instance.
import { yamlLanguage } from "@codemirror/lang-yaml";
import { highlightTree, tagHighlighter, tags } from "@lezer/highlight";

export type TokenClass = "key" | "string" | "number" | "keyword" | "comment" | "meta" | "punctuation";

export interface Segment {
  text: string;
  token?: TokenClass;
}

const highlighter = tagHighlighter([
  { tag: tags.definition(tags.propertyName), class: "key" },
  { tag: [tags.string, tags.special(tags.string)], class: "string" },
  { tag: tags.content, class: "content" },
  { tag: tags.lineComment, class: "comment" },
  { tag: [tags.meta, tags.typeName, tags.labelName], class: "meta" },
  { tag: [tags.separator, tags.punctuation, tags.squareBracket, tags.brace], class: "punctuation" },
]);

/** Plain scalars all parse as content: tell numbers and YAML's keywords apart from strings. */
function scalarClass(text: string): TokenClass {
  if (/^(true|false|null|~)$/i.test(text)) return "keyword";
  if (/^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|\.inf|\.nan)$/.test(text)) return "number";
  return "string";
}

/** The YAML as lines of segments; joining every line's texts with "\n" gives the input back. */
export function highlightYaml(text: string): Segment[][] {
  const lines: Segment[][] = [[]];
  let pos = 0;
  const emit = (end: number, token?: TokenClass) => {
    text
      .slice(pos, end)
      .split("\n")
      .forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1].push(token ? { text: part, token } : { text: part });
      });
    pos = end;
  };
  highlightTree(yamlLanguage.parser.parse(text), highlighter, (from, to, cls) => {
    if (from > pos) emit(from);
    const token = cls.split(" ")[0];
    emit(to, token === "content" ? scalarClass(text.slice(from, to).trim()) : (token as TokenClass));
  });
  emit(text.length);
  return lines;
}
