// The panel's SSH key as pages and the browser see it: never the private half.
export type PanelKeyView = {
  path: string;
  /** The file comes from configuration (SSH_KEY_FILE): the panel never creates or replaces it. */
  configured: boolean;
  /** "ssh-ed25519 AAAA... comment", or null when there is no usable key. */
  publicKey: string | null;
  fingerprint: string | null;
  /** Why there is no usable key; null when there is one. */
  problem: "missing" | "unreadable" | "unusable" | null;
};
