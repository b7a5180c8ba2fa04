/**
 * Types for `bottleneck/light.js`, the build of Bottleneck that @octokit/plugin-throttling itself
 * loads (same API as the package's main entry, which has the types, minus Redis clustering).
 */
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
