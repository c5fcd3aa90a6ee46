// A Node.js application reading its flags from `flagsync emulator` instead of ConfigCat's CDN.
// Usage: FLAGSYNC_BASE_URL=http://127.0.0.1:8099 FLAGSYNC_SDK_KEY=configcat-sdk-1/... node app.mjs [EMAIL]
import * as configcat from "configcat-node";

const client = configcat.getClient(process.env.FLAGSYNC_SDK_KEY, configcat.PollingMode.AutoPoll, {
  baseUrl: process.env.FLAGSYNC_BASE_URL, // the emulator, not ConfigCat's CDN
  pollIntervalSeconds: 1,                 // see edits of the YAML within a second
});
const user = new configcat.User("42", process.argv[2] ?? "ann@acme.com");
for (const key of ["maintenanceMode", "newCheckout", "supportEmail"]) {
  console.log(`${key}=${await client.getValueAsync(key, null, user)}`);
}
client.dispose();
