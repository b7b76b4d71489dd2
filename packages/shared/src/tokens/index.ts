export type { ClientType, ContainerSubject, TokenClaims, VerifiedIdentity } from './claims.ts'
export type { TokenVerifier } from './verifier.ts'
export { bearerToken, createTokenVerifier, SIGNING_ALGORITHMS, tokenErrors } from './verifier.ts'
