/* d360-parsed-contact.h — a contact as read from (or written to) an outside
 * file: vCard or CSV. Plain data, no store and no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define D360_IMPORT_ERROR (d360_import_error_quark ())

/* Why a whole file cannot be imported (one bad card or row is a
 * D360ParseProblem instead). */
typedef enum
{
  D360_IMPORT_ERROR_EMPTY,        /* no bytes, or only white space */
  D360_IMPORT_ERROR_NOT_VCARD,    /* binary, or text without any BEGIN:VCARD */
  D360_IMPORT_ERROR_NOT_CSV,      /* binary, or no header row */
} D360ImportError;

typedef enum
{
  D360_CONTACT_FIELD_HOME  = 1 << 0,
  D360_CONTACT_FIELD_WORK  = 1 << 1,
  D360_CONTACT_FIELD_CELL  = 1 << 2,
  D360_CONTACT_FIELD_FAX   = 1 << 3,
  D360_CONTACT_FIELD_OTHER = 1 << 4,
  D360_CONTACT_FIELD_PREF  = 1 << 5,
} D360ContactFieldType;

/* One email address or phone number, with its kinds and an optional label
 * (vCard TYPE / X-ABLabel, CSV column name). */
typedef struct
{
  char *value;
  guint types;     /* D360ContactFieldType bits */
  char *label;     /* nullable */
  gboolean invalid; /* does not look like an email address / phone number */
} D360ContactField;

typedef struct
{
  char *street;
  char *locality;
  char *region;
  char *postal_code;
  char *country;   /* as written in the file; not necessarily an ISO code */
} D360PostalAddress;

typedef struct
{
  guint              line;          /* first line of the card / row in the file, from 1 */
  char              *uid;
  char              *honorific;     /* prefix: "H.E.", "Dr." */
  char              *given_name;
  char              *family_name;
  char              *full_name;     /* FN; set even when the parts are missing */
  char              *organization;
  char              *job_title;     /* TITLE */
  char              *role;          /* ROLE */
  GPtrArray         *emails;        /* D360ContactField */
  GPtrArray         *phones;        /* D360ContactField */
  D360PostalAddress *address;       /* nullable */
  char              *note;
  GPtrArray         *categories;    /* char *: tags */
  GPtrArray         *languages;     /* char *: as written ("ro", "en-GB", "French") */
  char              *birthday;      /* "YYYY-MM-DD" or "--MM-DD" without a year */
  char              *website;
} D360ParsedContact;

/* A line of the file that could not be read: reported, never fatal. */
typedef struct
{
  guint     line;
  char     *reason;    /* a sentence for the user, translated */
  gboolean  rejected;  /* TRUE: the whole card / row was left out; FALSE: only this line */
} D360ParseProblem;

GQuark             d360_import_error_quark       (void);

D360ParsedContact *d360_parsed_contact_new       (void);
void               d360_parsed_contact_free      (D360ParsedContact *contact);
void               d360_parsed_contact_add_email (D360ParsedContact *contact,
                                                  const char        *value,
                                                  guint              types,
                                                  const char        *label);
void               d360_parsed_contact_add_phone (D360ParsedContact *contact,
                                                  const char        *value,
                                                  guint              types,
                                                  const char        *label);
const char        *d360_parsed_contact_get_display_name (D360ParsedContact *contact);
gboolean           d360_parsed_contact_is_empty  (const D360ParsedContact *contact);
gboolean           d360_email_is_plausible       (const char        *email);
gboolean           d360_phone_is_plausible       (const char        *phone);
void               d360_parse_problem_free       (D360ParseProblem  *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360ParsedContact, d360_parsed_contact_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360ParseProblem, d360_parse_problem_free)

G_END_DECLS
