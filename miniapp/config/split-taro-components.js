/**
 * Webpack loader for the H5 build: serves Taro's React component proxies
 * (@tarojs/components/lib/react/components.js) as one module per component.
 *
 * Why: that file defines all ~100 components in one module, so every page loaded the
 * components any page uses — the map, the swiper (with the 160 KB swiper library) and the
 * picker came with the login page. Split, a page loads only the components it imports.
 *
 * Without a query the file becomes a barrel re-exporting each component from
 * `components.js?taro-component=<Name>`; with the query it keeps the original code but
 * exports only that component, and tree shaking drops the other (pure) definitions and
 * the custom elements they would have registered.
 */
const EXPORT_LIST = /export\s*\{([^}]*)\};?\s*(\/\/# sourceMappingURL=\S*\s*)?$/;

module.exports = function splitTaroComponents(source) {
  const match = EXPORT_LIST.exec(source);
  if (!match) throw new Error('split-taro-components: no export list found; has @tarojs/components changed?');
  // exported name -> local binding (`Local as Exported` is allowed, though Taro writes none)
  const bindings = new Map(
    match[1]
      .split(',')
      .map((entry) => entry.trim().split(/\s+as\s+/))
      .filter(([local]) => local)
      .map(([local, exported = local]) => [exported, local]),
  );
  const wanted = new URLSearchParams(this.resourceQuery.slice(1)).get('taro-component');
  if (wanted === null) {
    const file = `./${this.resourcePath.split(/[\\/]/).pop()}`;
    return [...bindings.keys()].map((name) => `export { ${name} } from '${file}?taro-component=${name}';`).join('\n');
  }
  const local = bindings.get(wanted);
  if (!local) throw new Error(`split-taro-components: @tarojs/components has no ${wanted}`);
  return `${source.slice(0, match.index)}export { ${local} as ${wanted} };\n`;
};
