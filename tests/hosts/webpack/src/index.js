// A plain webpack 5 bundle that imports the package: every lazy file must be
// emitted with the bundle and load from there.
import ErrLens, { configure } from "errlens";

configure({ launcher: true });
window.bundled = ErrLens;
