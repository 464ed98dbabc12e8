/* d360-atomic-file.c — writing a whole file so that it is never half written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-interop"

#include "config.h"

#include "d360-atomic-file.h"

/**
 * d360_write_file_atomically:
 * @path: where the file goes, in the file system's encoding
 * @data: the whole file
 * @error: where a #GFileError goes
 *
 * Writes @data to a temporary file in the same folder, flushes it to disk
 * and renames it over @path, so that @path holds either its old contents or
 * all the new ones — never a part, whatever happens midway (a full disk, a
 * crash, a power cut). g_file_replace_contents() is not enough for this: it
 * writes a file that does not exist yet in place. The file is created with
 * mode 0666 less the umask, as any new document.
 *
 * Returns: whether the file was written
 */
gboolean
d360_write_file_atomically (const char  *path,
                            GBytes      *data,
                            GError     **error)
{
  gsize size = 0;
  const char *contents;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contents = g_bytes_get_data (data, &size);
  return g_file_set_contents_full (path, contents != NULL ? contents : "", size,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0666, error);
}
