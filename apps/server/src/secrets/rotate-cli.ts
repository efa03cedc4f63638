import { ConfigError, loadConfig } from "../config.ts";
import { openStore } from "../store/index.ts";
import { createEnvelopeSecretBox, resolveMasterKey } from "./index.ts";
import { rotateSecrets } from "./rotate.ts";

/**
 * `npm run keys:rotate`: with the new KEYS_MASTER_KEY and the old one in KEYS_MASTER_KEY_PREVIOUS, rewraps every
 * provider key, connection key and user secret under the new one. Then KEYS_MASTER_KEY_PREVIOUS can be removed.
 */
async function main() {
  const config = loadConfig(process.env);
  const store = await openStore(config.db);
  try {
    const secrets = createEnvelopeSecretBox({
      masterKey: await resolveMasterKey({ configured: config.keys.masterKey, dataDir: config.dataDir }),
      previous: config.keys.previousMasterKeys,
    });
    const { rewrapped, current } = await rotateSecrets({ store, secrets });
    console.log(`Rewrapped ${rewrapped} secret(s) under the current master key; ${current} already were.`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
