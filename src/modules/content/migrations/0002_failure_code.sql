-- Why a video failed, as a stable code the apps translate (failure_reason keeps the detail).
ALTER TABLE videos ADD COLUMN failure_code text CHECK (failure_code IN ('transcode_failed', 'timed_out', 'damaged', 'no_picture'));
