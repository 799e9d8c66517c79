// md_slugs.mjs — the anchors GitHub gives a Markdown file's headings, as an
// independent reading: remark with remark-gfm parses the file (the
// unified collective's CommonMark/GFM parser, not cmark-gfm), each
// heading's text is what mdast-util-to-string gives, and github-slugger
// (the slug rules github.com's own renderer follows, repeats numbered) makes
// the name. From the npm registry; .ci/setup-tests installs them.
// Prints one name a line; given several files, each name after its file
// and a space. Usage: node md_slugs.mjs FILE.md…
import fs from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';

const files = process.argv.slice(2);
for (const file of files) {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(fs.readFileSync(file, 'utf8'));
  const slugger = new GithubSlugger();
  const prefix = files.length > 1 ? file + ' ' : '';
  const walk = (node) => {
    if (node.type === 'heading')
      console.log(prefix + slugger.slug(toString(node, { includeHtml: false })));
    for (const child of node.children || [])
      walk(child);
  };
  walk(tree);
}
