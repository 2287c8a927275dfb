'use strict';
// The platform triple of this process in napi-rs's naming (linux-x64-gnu, darwin-arm64,
// win32-x64-msvc, ...): the suffix of the prebuilt package that fits it
// (`ferrobird-<triple>`, npm/<triple>/).

function isMusl() {
  // glibc reports its version in the process report; musl does not.
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
