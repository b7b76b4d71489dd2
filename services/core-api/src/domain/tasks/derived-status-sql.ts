// The status of section 5.2 as SQL over a task's runs (alias `t` for the task), so `status`
// can filter a task list in the database instead of after paging.
const FAILED = `(r.status is null or r.status not in ('pending', 'initializing', 'active', 'completed'))`
const runs = (condition: string) => `from run r where r.task_id = t.id and ${condition}`
const any = (status: string) => `exists (select 1 ${runs(`r.status = '${status}'`)})`

export const DERIVED_STATUS_SQL = `(case
  when (select count(distinct coalesce(r.status, 'failed')) ${runs(FAILED)}) > 1 then 'failed'
  when exists (select 1 ${runs(FAILED)}) then (select min(coalesce(r.status, 'failed')) ${runs(FAILED)})
  when ${any('active')} then 'active'
  when ${any('initializing')} then 'initializing'
  when ${any('pending')} then 'pending'
  else 'completed' end)`
