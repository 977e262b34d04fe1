;; The line and field scan of the TSV columnar path (TsvScanKernel), as WebAssembly: 16 bytes at a
;; time, a SIMD compare finds the bytes that can be a tab or a line break (9-13), and only those
;; are looked at. Assembled by libs/ingestion/tools/build-tsv-scan-kernel.mjs into tsv-scan-kernel-wasm.ts.
(module
  (memory (export "memory") 1)
  ;; Where the line after the last one recorded starts (memory address).
  (global $next (export "next") (mut i32) (i32.const 0))
  ;; scan(from, end, base, width, out, maxLines) -> lines
  ;; Finds the complete lines of memory [from, end) and records each at `out`, (3 + 2 * width) i32
  ;; per line: its start, its end (before a CR that precedes the LF), its number of fields, then the
  ;; start and end of each of its first `width` fields; positions are addresses less `base`. Stops
  ;; after `maxLines` lines. The 16 bytes after `end` must be memory (they are read, not used).
  (func (export "scan")
    (param $from i32) (param $end i32) (param $base i32) (param $width i32) (param $out i32)
    (param $maxLines i32)
    (result i32)
    (local $block i32) (local $mask i32) (local $at i32) (local $code i32) (local $lineStart i32)
    (local $lineEnd i32) (local $count i32) (local $record i32) (local $recordBytes i32)
    (local $lines i32)
    (local.set $recordBytes
      (i32.shl (i32.add (i32.const 3) (i32.shl (local.get $width) (i32.const 1))) (i32.const 2)))
    (local.set $lineStart (local.get $from))
    (local.set $record (local.get $out))
    (i32.store offset=12 (local.get $record) (i32.sub (local.get $from) (local.get $base)))
    (local.set $block (local.get $from))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $block) (local.get $end)))
        (local.set $mask
          (i8x16.bitmask
            (i8x16.le_u (v128.load (local.get $block)) (i8x16.splat (i32.const 13)))))
        (block $blockDone
          (loop $candidates
            (br_if $blockDone (i32.eqz (local.get $mask)))
            (local.set $at (i32.add (local.get $block) (i32.ctz (local.get $mask))))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $code (i32.load8_u (local.get $at)))
            (if (i32.eq (local.get $code) (i32.const 9))
              (then
                (if (i32.lt_u (local.get $count) (local.get $width))
                  (then
                    (i32.store offset=16
                      (i32.add (local.get $record) (i32.shl (local.get $count) (i32.const 3)))
                      (i32.sub (local.get $at) (local.get $base)))))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (if (i32.lt_u (local.get $count) (local.get $width))
                  (then
                    (i32.store offset=12
                      (i32.add (local.get $record) (i32.shl (local.get $count) (i32.const 3)))
                      (i32.sub (i32.add (local.get $at) (i32.const 1)) (local.get $base)))))
                (br $candidates)))
            (br_if $candidates (i32.ne (local.get $code) (i32.const 10)))
            ;; A line break: the line ends here, or one byte earlier after a CR.
            (local.set $lineEnd (local.get $at))
            (if (i32.gt_u (local.get $lineEnd) (local.get $lineStart))
              (then
                (if (i32.eq (i32.load8_u (i32.sub (local.get $lineEnd) (i32.const 1))) (i32.const 13))
                  (then (local.set $lineEnd (i32.sub (local.get $lineEnd) (i32.const 1)))))))
            (if (i32.lt_u (local.get $count) (local.get $width))
              (then
                (i32.store offset=16
                  (i32.add (local.get $record) (i32.shl (local.get $count) (i32.const 3)))
                  (i32.sub (local.get $lineEnd) (local.get $base)))))
            (i32.store (local.get $record) (i32.sub (local.get $lineStart) (local.get $base)))
            (i32.store offset=4 (local.get $record) (i32.sub (local.get $lineEnd) (local.get $base)))
            (i32.store offset=8 (local.get $record) (i32.add (local.get $count) (i32.const 1)))
            (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
            (local.set $lineStart (i32.add (local.get $at) (i32.const 1)))
            (local.set $count (i32.const 0))
            (local.set $record (i32.add (local.get $record) (local.get $recordBytes)))
            (br_if $done (i32.ge_u (local.get $lines) (local.get $maxLines)))
            (i32.store offset=12
              (local.get $record) (i32.sub (local.get $lineStart) (local.get $base)))
            (br $candidates)))
        (local.set $block (i32.add (local.get $block) (i32.const 16)))
        (br $blocks)))
    (global.set $next (local.get $lineStart))
    (local.get $lines)))
