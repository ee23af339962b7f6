// Validates Kubernetes manifests (YAML streams, one or more files) against
// the OpenAPI schema of the Kubernetes release kubernetes-models is built
// from. Exit 0 when every object is valid, 1 with one line per error.
//   node validate.mjs FILE...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1";
import { Job, CronJob } from "kubernetes-models/batch/v1";
import { Service, ConfigMap } from "kubernetes-models/v1";

const kinds = {
  "apps/v1 Deployment": Deployment,
  "batch/v1 Job": Job,
  "batch/v1 CronJob": CronJob,
  "v1 Service": Service,
  "v1 ConfigMap": ConfigMap,
};

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const object = doc.toJS();
    if (object === null) continue;
    const name = `${file}: ${object.kind}/${object.metadata?.name}`;
    const Model = kinds[`${object.apiVersion} ${object.kind}`];
    if (!Model) {
      console.log(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (error) {
      console.log(`${name}: ${error.message}`);
      failures++;
    }
  }
}
console.log(`${checked} object(s) valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
