/**
 * A rendered card's text as a reader sees it, line by line, to catch fields that run
 * together ("子女：王小明更新于…"). Stylesheets are not loaded in tests, so this reads the
 * markup the way the app lays it out: a View (div) starts a line of its own, a Text (span)
 * runs on in the line it is in, and the cells of a `.row` (a flex row) stand apart.
 */
export function readableLines(root: Element): string[] {
  const lines: string[] = [];
  let current = '';
  const endLine = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      current += node.textContent ?? '';
      return;
    }
    if (!(node instanceof Element)) return;
    const block = node.tagName !== 'SPAN';
    if (block) endLine();
    const row = node.classList.contains('row');
    node.childNodes.forEach((child, i) => {
      if (row && i > 0) current += ' | ';
      walk(child);
    });
    if (block) endLine();
  };
  walk(root);
  return lines;
}
