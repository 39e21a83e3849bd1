/** The roles of a market-regulation bureau and of a supervised firm (docs/api.md). */
export const ROLES = ['inspector', 'legal_reviewer', 'head', 'admin', 'observer', 'firm'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved once per request from a session cookie or a bearer token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  /** A person may hold several roles (a small bureau's section head also handles cases). */
  roles: readonly Role[];
  /**
   * The administrative-division code prefix an officer's scope covers ('3302' = Ningbo); a firm is in scope
   * when the division code inside its unified social credit code (characters 3–8) starts with it. Null for
   * firm accounts (scoped by `firmCreditCode`) and for a bureau-wide admin.
   */
  regionCode: string | null;
  /** A firm account's unified social credit code; null for officers. */
  firmCreditCode: string | null;
  /** An inspector's enforcement certificate number (执法证号). */
  certificateNumber: string | null;
  via: 'session' | 'token';
  /** The bearer token's id when `via` is 'token'. */
  tokenId: string | null;
}
