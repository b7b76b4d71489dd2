export type {
  Fixture,
  FixtureCollaboration,
  FixtureLocation,
  FixtureOrganization,
  FixtureParticipant,
  FixtureProblem,
  FixtureTask,
  FixtureUser,
  ParseFixtureResult,
} from './fixture-types.ts'
export { FixtureImportError, formatProblems } from './fixture-types.ts'
export type { ImportFixtureOptions, ImportReport } from './import-fixture.ts'
export { importFixture } from './import-fixture.ts'
export { parseFixture } from './parse-fixture.ts'
