// Prints one JSON line per model given on the command line: its path, the number of errors the
// Khronos glTF Validator finds, and their codes. External files are read beside the model.
const fs = require("fs");
const path = require("path");
const validator = require("gltf-validator");

async function check(file) {
  const folder = path.dirname(file);
  try {
    const report = await validator.validateBytes(new Uint8Array(fs.readFileSync(file)), {
      uri: path.basename(file),
      maxIssues: 50,
      externalResourceFunction: (uri) => new Promise((resolve, reject) => {
        fs.readFile(path.join(folder, decodeURIComponent(uri)), (err, data) => err ? reject(err.toString()) : resolve(new Uint8Array(data)));
      }),
    });
    const codes = report.issues.messages.filter((m) => m.severity === 0).map((m) => m.code);
    return { file, errors: report.issues.numErrors, codes };
  } catch (err) {
    return { file, errors: 1, codes: ["EXCEPTION: " + String(err).slice(0, 200)] };
  }
}

(async () => {
  for (const file of process.argv.slice(2)) {
    console.log(JSON.stringify(await check(file)));
  }
})();
