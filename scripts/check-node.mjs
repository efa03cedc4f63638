// Runs before start and test on whatever Node is installed, so it must stay plain JavaScript.
const required = [22, 18];
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < required[0] || (major === required[0] && minor < required[1])) {
  console.error(
    `Slipstream needs Node.js ${required.join(".")} or newer (Node 24 LTS recommended); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}
