// md_links.mjs — the link targets of a Markdown file as an independent
// reading gives them: remark with remark-gfm (not cmark-gfm) parses it,
// and every link, image and link reference definition is printed, one
// target a line. Usage: node md_links.mjs FILE.md
import fs from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const tree = unified().use(remarkParse).use(remarkGfm).parse(fs.readFileSync(process.argv[2], 'utf8'));
function walk(node) {
  if (node.type === 'link' || node.type === 'image' || node.type === 'definition')
    console.log(node.url);
  for (const child of node.children || [])
    walk(child);
}
walk(tree);
