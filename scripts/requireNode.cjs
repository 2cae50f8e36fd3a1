// Node version guard, run first by every entry point (npm scripts and bin/spyglass.js). Spyglass
// runs its TypeScript sources through Node's type stripping, which needs Node 22.18; an older Node
// would stop at the first .ts file with a stack that does not say why. Plain CommonJS in old
// syntax on purpose: this file must parse on any Node a user may still have.
'use strict';

var MINIMUM = [22, 18, 0];
var MINIMUM_TEXT = MINIMUM.join('.');

/** The one-line problem with this Node version, or null when it is recent enough. */
function nodeVersionProblem(version) {
  var parts = String(version).replace(/^v/, '').split('.').map(Number);
  for (var i = 0; i < MINIMUM.length; i++) {
    var part = parts[i] || 0;
    if (part > MINIMUM[i]) return null;
    if (part < MINIMUM[i]) {
      return (
        'Spyglass needs Node.js ' +
        MINIMUM_TEXT +
        ' or newer (this is ' +
        String(version).replace(/^v/, '') +
        '): install the current LTS from https://nodejs.org/ or with a version manager (nvm install 22).'
      );
    }
  }
  return null;
}

/** Ends the process with the problem on one line when this Node is too old. */
function requireNode() {
  var problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    process.stderr.write(problem + '\n');
    process.exit(1);
  }
}

module.exports = {
  nodeVersionProblem: nodeVersionProblem,
  requireNode: requireNode,
  MINIMUM_NODE: MINIMUM_TEXT,
};

if (require.main === module) requireNode();
