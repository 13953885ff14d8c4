// Stands in for string-width inside the CLI bundle (esbuild --alias, see package.json): yargs and cliui import it to
// lay out help text, and its module start-up (an Intl.Segmenter and Unicode-set regexes, ~35 ms) ran on every
// command. The real module is bundled as it is and evaluated on the first width asked, which only help text asks.
type StringWidth = (text: string, options?: object) => number;
// a literal require, so esbuild bundles the module and defers its evaluation to this call
declare const require: (id: string) => { default: StringWidth };

let real: StringWidth | undefined;

export default function stringWidth(text: string, options?: object): number {
  real ??= require('../../node_modules/string-width/index.js').default;
  return real(text, options);
}
