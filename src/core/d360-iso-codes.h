/* d360-iso-codes.h — countries, subdivisions, languages and currencies from
 * Debian's iso-codes, with their translated names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  D360_ISO_COUNTRIES,     /* ISO 3166-1, code: alpha-2 ("RO") */
  D360_ISO_SUBDIVISIONS,  /* ISO 3166-2, code: "RO-TM" */
  D360_ISO_LANGUAGES,     /* ISO 639-3, code: alpha-2 where it exists ("ro"), else alpha-3 */
  D360_ISO_CURRENCIES,    /* ISO 4217, code: alpha-3 ("EUR") */
  D360_ISO_N_STANDARDS
} D360IsoStandard;

typedef struct
{
  char *code;
  char *name;            /* translated into the user's language */
  char *parent;          /* subdivisions: the country code ("RO"); else NULL */
  char *alpha_3;         /* the three-letter code, where the standard has one */
  char *bibliographic;   /* languages: the ISO 639-2/B code, where there is one */
  char *names[3];        /* untranslated, as iso-codes has them: the name, the
                          * common name and the official name (NULL for none) */
} D360IsoEntry;

const GPtrArray    *d360_iso_codes_get      (D360IsoStandard  standard);
gboolean            d360_iso_codes_is_loaded (D360IsoStandard standard);
void                d360_iso_codes_load_async (D360IsoStandard      standard,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean            d360_iso_codes_load_finish (GAsyncResult  *result,
                                                GError       **error);
const GPtrArray    *d360_iso_codes_get_in_file_order (D360IsoStandard standard);
const D360IsoEntry *d360_iso_codes_lookup   (D360IsoStandard  standard,
                                             const char      *code);
const char         *d360_iso_codes_get_name (D360IsoStandard  standard,
                                             const char      *code);
GPtrArray          *d360_iso_codes_subdivisions_of (const char *country);

char              **d360_time_zones_list    (void);
gboolean            d360_time_zone_is_valid (const char      *identifier);

G_END_DECLS
