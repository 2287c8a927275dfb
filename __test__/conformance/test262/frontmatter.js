'use strict';
// A test262 test's metadata (its /*--- ... ---*/ YAML block): the few keys a runner needs,
// read without a YAML library: includes, flags, features and negative.

function list(block, key) {
  const inline = block.match(new RegExp('^' + key + ':\\s*\\[([^\\]]*)\\]', 'm'));
  if (inline) return inline[1].split(',').map((s) => s.trim()).filter(Boolean);
  const multi = block.match(new RegExp('^' + key + ':\\s*\\n((?:\\s+-\\s*.*\\n?)+)', 'm'));
  if (multi) return multi[1].split('\n').map((s) => s.replace(/^\s*-\s*/, '').trim()).filter(Boolean);
  return [];
}

function parse(source) {
  const match = source.match(/\/\*---([\s\S]*?)---\*\//);
  const block = match ? match[1] : '';
  const negative = block.match(/^negative:\s*\n\s+phase:\s*(\S+)\s*\n\s+type:\s*(\S+)/m) || block.match(/^negative:\s*\n\s+type:\s*(\S+)\s*\n\s+phase:\s*(\S+)/m);
  let parsedNegative = null;
  if (negative) {
    const phaseFirst = /phase:[^\n]*\n\s+type:/.test(negative[0]);
    parsedNegative = phaseFirst ? { phase: negative[1], type: negative[2] } : { phase: negative[2], type: negative[1] };
  }
  return { includes: list(block, 'includes'), flags: list(block, 'flags'), features: list(block, 'features'), negative: parsedNegative };
}

module.exports = { parse };
