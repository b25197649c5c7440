interface PatchbayConnect {
  connect(options: { url: string }): Promise<unknown>;
}

/** Runs an OAuth popup from its start URL through Patchbay's browser helper, the one partners' pages use. */
export async function runPopup(url: string): Promise<void> {
  const { Patchbay } = (await import(/* @vite-ignore */ `${window.location.origin}/sdk/connect.js`)) as { Patchbay: PatchbayConnect };
  await Patchbay.connect({ url });
}
