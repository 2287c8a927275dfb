'use strict';
// The platform triple of this process in napi-rs's naming (linux-x64-gnu, darwin-arm64,
// win32-x64-msvc, ...): the suffix of the prebuilt package that fits it
// (`ferrobird-<triple>`, npm/<triple>/).

// As napi-rs's loaders: ldd names its libc (a file read, ~0.1 ms); else glibc reports its
// version in the process report (~4 ms, measured) and musl does not.
function isMusl() {
  try {
    return require('fs').readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch (error) {
    // No ldd to read: ask the process report.
  }
  try {
    const report = process.report.getReport();
    return !(report.header && report.header.glibcVersionRuntime);
  } catch (error) {
    return false;
  }
}

function platformTriple() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

module.exports = { platformTriple };
