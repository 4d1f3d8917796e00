// A PostCSS step for the app's stylesheet: drops Radix Themes' responsive
// variants (the rules for classes like `md:rt-r-size-2`, inside
// `@media (min-width: …)`), which are three fifths of Radix's CSS and are
// used only when a component is given a per-breakpoint value. The app gives
// none but the classes listed in `keep` (uglymugs_app/theme.py writes the
// list and copies this file into the build; it runs after postcss-import has
// inlined Radix's files).

// `.md\:rt-r-size-2` in a selector: a breakpoint, an escaped colon, a class.
const VARIANT = /\.(xs|sm|md|lg|xl)\\:([A-Za-z0-9_-]+)/g;

function variantsIn(selector) {
  return [...selector.matchAll(VARIANT)].map((found) => `${found[1]}:${found[2]}`);
}

export default function leanRadix(options = {}) {
  const keep = new Set(options.keep ?? []);
  return {
    postcssPlugin: "uglymugs-lean-radix",
    OnceExit(root) {
      root.walkRules((rule) => {
        if (!VARIANT.test(rule.selector)) return;
        VARIANT.lastIndex = 0;
        const kept = rule.selectors.filter((one) => variantsIn(one).every((name) => keep.has(name)));
        if (kept.length === 0) rule.remove();
        else rule.selectors = kept;
      });
      // Media blocks left without a rule.
      root.walkAtRules("media", (block) => {
        if (block.nodes && block.nodes.length === 0) block.remove();
      });
    },
  };
}
leanRadix.postcss = true;
