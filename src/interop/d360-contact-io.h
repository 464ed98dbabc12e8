/* d360-contact-io.h — contacts between the store and vCard or CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "d360-contact.h"
#include "d360-parsed-contact.h"
#include "d360-store-contacts.h"
#include "d360-vcard.h"

G_BEGIN_DECLS

typedef enum
{
  D360_CONTACT_FORMAT_AUTO,    /* reading: told by the contents, then the name */
  D360_CONTACT_FORMAT_VCARD,
  D360_CONTACT_FORMAT_CSV,
} D360ContactFormat;

/* A contacts file as read: what can be imported, and what could not. */
typedef struct
{
  D360ContactFormat  format;      /* what the file turned out to be */
  GPtrArray         *contacts;    /* D360Contact, not saved: ready for
                                     d360_store_import_contacts() */
  GPtrArray         *problems;    /* D360ParseProblem, by line */
  guint              n_rejected;  /* cards or rows left out */
} D360ContactFile;

void             d360_contact_file_free          (D360ContactFile   *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360ContactFile, d360_contact_file_free)

/* Conversions. @problems (nullable) receives what was left out of a field
 * (a language or country that is no ISO code, an email that is no email),
 * at @parsed's line. */
D360Contact       *d360_contact_from_parsed      (const D360ParsedContact *parsed,
                                                  GPtrArray         *problems);
D360ParsedContact *d360_contact_to_parsed        (D360Contact       *contact);

/* "ro", "ro-RO", "ron", "Romanian", "română", "Rumänisch" → "ro"; NULL when
 * it names no living language. Case and diacritics do not matter. */
const char        *d360_contact_io_language_code (const char        *text);
/* "RO", "ROU", "Romania", "România", "Rumänien" → "RO"; NULL when unknown. */
const char        *d360_contact_io_country_code  (const char        *text);

D360ContactFormat  d360_contact_format_detect    (GBytes            *data,
                                                  const char        *file_name);

D360ContactFile   *d360_contact_file_new_from_parsed (D360ContactFormat format,
                                                    GPtrArray        *parsed,
                                                    GPtrArray        *problems);
D360ContactFile   *d360_contact_file_parse       (GBytes            *data,
                                                  D360ContactFormat  format,
                                                  const char        *file_name,
                                                  GError           **error);
D360ContactFile   *d360_contact_file_read        (const char        *path,
                                                  GCancellable      *cancellable,
                                                  GError           **error);

/* Writing. @separator: ',', ';' or '\t', or 0 for the locale's. */
GBytes            *d360_contacts_write           (GPtrArray         *contacts,
                                                  D360ContactFormat  format,
                                                  D360VCardVersion   version,
                                                  char               separator);
gboolean           d360_contacts_write_file      (GPtrArray         *contacts,
                                                  const char        *path,
                                                  D360ContactFormat  format,
                                                  D360VCardVersion   version,
                                                  char               separator,
                                                  GError           **error);

/* The whole export of the contacts @ids (every contact when NULL), in
 * order, written atomically to @path. */
gboolean           d360_contact_io_export_ids_to_file (D360Store          *store,
                                                       GArray             *ids,
                                                       const char         *path,
                                                       D360ContactFormat   format,
                                                       D360VCardVersion    version,
                                                       char                separator,
                                                       guint              *n_written,
                                                       GCancellable       *cancellable,
                                                       GError            **error);

/* The whole export: the contacts @query matches (every contact when NULL),
 * in its order, written atomically to @path. */
gboolean           d360_contact_io_export_to_file (D360Store          *store,
                                                   const D360ContactQuery *query,
                                                   const char         *path,
                                                   D360ContactFormat   format,
                                                   D360VCardVersion    version,
                                                   char                separator,
                                                   guint              *n_written,
                                                   GError            **error);

G_END_DECLS
