import type { FedhubEntityManager } from '@fedhub/shared/data'
import { AlgorithmPort, Run } from '@fedhub/shared/entities'
import { denied, notFound } from '../accounts/account-errors.ts'
import type { Caller } from '../permissions/index.ts'
import { loadRunExtras } from '../runs/run-extras.ts'

/** The run, when the calling node is the node that executes it; unknown runs are a 404. */
async function ownRun(em: FedhubEntityManager, caller: Caller, runId: number): Promise<Run> {
  const run = await em.findOne(Run, runId)
  if (run === null) throw notFound('run.not_found', `Run id=${runId} not found!`)
  const node = (await loadRunExtras(em, [runId])).nodes.get(runId)
  if (node?.id === undefined || node.id !== caller.id) {
    throw denied('You lack the permissions to do that!')
  }
  return run
}

/** `POST /port`: a VPN port of the caller's running algorithm. */
export async function addPort(
  em: FedhubEntityManager,
  caller: Caller,
  input: { port: number; run_id: number; label?: string | null },
): Promise<AlgorithmPort> {
  const run = await ownRun(em, caller, input.run_id)
  const port = em.create(AlgorithmPort, { port: input.port, run, label: input.label ?? null })
  await em.flush()
  return port
}

/** `DELETE /port?run_id=`: every port of the run. */
export async function removePorts(em: FedhubEntityManager, caller: Caller, runId: number) {
  await ownRun(em, caller, runId)
  await em.nativeDelete(AlgorithmPort, { run: runId })
}
