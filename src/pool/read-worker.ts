/**
 * Worker-thread entry of the pool reader (bundled as dist/pool-reader.js): reads and parses the
 * batches of sidecar files the main thread sends, with the same reader as the main thread
 * (read.ts), and answers each batch with its parse results in file order, packed into columns
 * (read.ts packResults) that the main thread turns back into sidecars.
 */
import { parentPort } from 'node:worker_threads'
import { packResults, SidecarReader, Slimmer } from './read.js'

/** A batch to read: pool root and pool-relative files. */
export interface ReadBatch {
  id: number
  root: string
  files: readonly string[]
}

const reader = new SidecarReader()
parentPort?.on('message', (b: ReadBatch) => {
  // Slimmed here (the host's other fields never cross), packed into columns, the arrays moved.
  const slim = new Slimmer()
  const packed = packResults(
    b.files.map((f) => {
      const r = reader.read(b.root, f)
      if (r.ok) slim.sidecar(r.sidecar, false)
      return r
    })
  )
  const moved = [packed.ids, packed.flags, packed.nums, packed.nameList, packed.at, packed.values]
  parentPort!.postMessage(
    { id: b.id, packed },
    moved.map((a) => a.buffer as ArrayBuffer)
  )
})
