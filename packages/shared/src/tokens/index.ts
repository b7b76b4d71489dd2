export { API_KEY_SECRET_FILE, apiKeyDigest, loadApiKeySecret } from './api-key.ts'
export type { ClientType, ContainerSubject, TokenClaims, VerifiedIdentity } from './claims.ts'
export type { TokenVerifier } from './verifier.ts'
export { bearerToken, createTokenVerifier, SIGNING_ALGORITHMS, tokenErrors } from './verifier.ts'
