// Waiting on a condition instead of a fixed sleep, so a test passes as soon as the state it needs
// is there and fails with what it was waiting for when it never comes.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `check` (sync or async) every 50 ms until it returns something truthy; throws naming
// `what` after `timeoutMs`.
export async function until(check, what, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
