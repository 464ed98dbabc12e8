/* d360-store-contacts.h — reading and writing people and organisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "d360-contact.h"
#include "d360-organization.h"
#include "d360-store.h"

G_BEGIN_DECLS

typedef enum
{
  D360_CONTACT_SORT_NAME,       /* family name, then given name; folded case and diacritics */
  D360_CONTACT_SORT_UPDATED,    /* last changed first */
} D360ContactSort;

/* What a contact list shows. NULL / -1 / 0 mean "any". */
typedef struct
{
  const char      *search;             /* words typed; prefix match over names, organisation,
                                          job title, emails, phones, tags and notes;
                                          case and diacritics do not matter */
  int              category;           /* a D360Category, or -1 */
  const char      *country;            /* alpha-2, or NULL */
  int              organization_kind;  /* a D360OrgKind, or -1 */
  const char      *tag;                /* exact tag (case-insensitive), or NULL */
  gint64           organization_id;    /* only the people of this organisation, or 0 */
  D360ContactSort  sort;
} D360ContactQuery;

void         d360_contact_query_init             (D360ContactQuery *query);

/* Validation: a name or an email or an organisation; emails that look like
 * emails; phones that look like phones; ISO codes; real dates; an investment
 * range that is not negative, min ≤ max, and has a currency. The message is
 * for the user, translated. */
gboolean     d360_store_validate_contact         (D360Contact      *contact,
                                                  GError          **error);
gboolean     d360_store_save_contact             (D360Store        *self,
                                                  D360Contact      *contact,
                                                  GError          **error);
D360Contact *d360_store_get_contact              (D360Store        *self,
                                                  gint64            id,
                                                  GError          **error);
/* Deletes the people with these ids (gint64 in a GArray) in one transaction;
 * returns an opaque object that d360_store_undo_delete_contacts() restores,
 * or NULL on error. */
GObject     *d360_store_delete_contacts          (D360Store        *self,
                                                  GArray           *ids,
                                                  GError          **error);
gboolean     d360_store_undo_delete_contacts     (D360Store        *self,
                                                  GObject          *deleted,
                                                  GError          **error);
/* Adds @tag to every one of @ids (one transaction). */
gboolean     d360_store_tag_contacts             (D360Store        *self,
                                                  GArray           *ids,
                                                  const char       *tag,
                                                  GError          **error);
gint64       d360_store_count_contacts           (D360Store        *self,
                                                  const D360ContactQuery *query,
                                                  GError          **error);
/* A paged model of D360Contact that follows writes to contacts. */
GListModel  *d360_store_list_contacts            (D360Store        *self,
                                                  const D360ContactQuery *query);
void         d360_store_contact_list_set_query   (GListModel       *model,
                                                  const D360ContactQuery *query);
/* The ids of every contact the query matches, in its order (for "export the
 * filtered list"). */
GArray      *d360_store_list_contact_ids         (D360Store        *self,
                                                  const D360ContactQuery *query,
                                                  GError          **error);
/* Every tag in use, sorted, for the tag filter. */
GStrv        d360_store_list_tags                (D360Store        *self,
                                                  GError          **error);

/* Organisations */
gboolean     d360_store_validate_organization    (D360Organization *organization,
                                                  GError          **error);
gboolean     d360_store_save_organization        (D360Store        *self,
                                                  D360Organization *organization,
                                                  GError          **error);
D360Organization *d360_store_get_organization    (D360Store        *self,
                                                  gint64            id,
                                                  GError          **error);
/* The organisation with this name (folded case and diacritics), or NULL. */
D360Organization *d360_store_find_organization_by_name (D360Store  *self,
                                                        const char *name);
/* Its people keep their data, without an organisation. */
gboolean     d360_store_delete_organization      (D360Store        *self,
                                                  gint64            id,
                                                  GError          **error);
/* A paged model of D360Organization sorted by name, with "n-people" filled;
 * @search as for contacts (over name, city, notes), NULL for all. */
GListModel  *d360_store_list_organizations       (D360Store        *self,
                                                  const char       *search);
void         d360_store_organization_list_set_search (GListModel   *model,
                                                      const char   *search);

/* Duplicates. A likely duplicate of @contact among the stored people: one
 * sharing an email address (case-insensitive), or with the same normalized
 * name (folded case, diacritics, white space, honorific left out) and the same
 * organisation. Returns the ids (gint64) of the candidates, @contact itself
 * excluded. */
GArray      *d360_store_find_duplicates_of       (D360Store        *self,
                                                  D360Contact      *contact,
                                                  GError          **error);
typedef struct
{
  gint64  first_id;
  gint64  second_id;
  char   *reason;      /* "Same email: ana@example.ro", translated */
} D360DuplicatePair;

void         d360_duplicate_pair_free            (D360DuplicatePair *pair);
/* Every candidate pair in the database (for the "Find Duplicates" view). */
GPtrArray   *d360_store_find_duplicate_pairs     (D360Store        *self,
                                                  GError          **error);
/* Two people the user says are not the same person (or, with @distinct
 * FALSE, an undo of that): never offered as likely duplicates again. */
gboolean     d360_store_set_contacts_distinct    (D360Store        *self,
                                                  gint64            id,
                                                  gint64            other_id,
                                                  gboolean          distinct,
                                                  GError          **error);
/* Merges @other_id into @keep_id in one transaction: @keep_id keeps its
 * fields and gains what it lacks from the other (every email, phone, tag,
 * language and interest of both; notes joined); every link to the other
 * (future meetings, actions) moves to @keep_id; the other is deleted. */
gboolean     d360_store_merge_contacts           (D360Store        *self,
                                                  gint64            keep_id,
                                                  gint64            other_id,
                                                  GError          **error);

/* Privacy */
/* Everything stored about the person, as a JSON document (UTF-8). */
GBytes      *d360_store_export_personal_data     (D360Store        *self,
                                                  gint64            id,
                                                  GError          **error);
/* Removes the person and every trace of them in the search index; rows of
 * other tables that referred to them keep an anonymous placeholder
 * ("Erased contact"). One transaction. */
gboolean     d360_store_erase_contact            (D360Store        *self,
                                                  gint64            id,
                                                  GError          **error);

/* Import: what to do with a contact that looks like one already stored. */
typedef enum
{
  D360_IMPORT_SKIP,          /* leave the stored one as it is */
  D360_IMPORT_MERGE,         /* add what it lacks to the stored one */
  D360_IMPORT_ANYWAY,        /* store it as a new person */
} D360ImportPolicy;

/* How an import would go, or went. */
typedef struct
{
  guint  n_new;
  guint  n_duplicates;    /* likely duplicates of stored people (or of earlier
                             people in the same file) */
  guint  n_unchanged;     /* already stored exactly (same UID or same email and
                             nothing new): re-importing a file adds nothing */
  guint  n_rejected;      /* from the parser's problems, filled by the caller */
} D360ImportCounts;

/* @contacts: D360Contact objects (organisation given by name through
 * d360_contact_set_organization_name_for_import(); created when missing).
 * @dry_run: counts only, writes nothing. Otherwise one transaction, all or
 * nothing. @progress is called now and then from the calling thread with
 * (done, total); @cancellable stops it, and then nothing is written. */
typedef void (*D360ImportProgressFunc) (guint done, guint total, gpointer user_data);

gboolean     d360_store_import_contacts          (D360Store        *self,
                                                  GPtrArray        *contacts,
                                                  D360ImportPolicy  policy,
                                                  gboolean          dry_run,
                                                  D360ImportCounts *counts,
                                                  D360ImportProgressFunc progress,
                                                  gpointer          progress_data,
                                                  GCancellable     *cancellable,
                                                  GError          **error);
/* For import: the organisation to link by name (set on a contact that is not
 * saved yet; the store looks it up or creates it). */
void         d360_contact_set_organization_name_for_import (D360Contact *self,
                                                            const char  *name);

/* Reads the contacts with these ids (or every contact when @ids is NULL), in
 * order, for an export; a sequential read, not a paged model. */
GPtrArray   *d360_store_read_contacts            (D360Store        *self,
                                                  GArray           *ids,
                                                  GError          **error);

/* Gets the next @contacts (element-type D360Contact, transfer none) of a
 * read; FALSE with @error set stops it. */
typedef gboolean (*D360ContactBatchFunc) (GPtrArray  *contacts,
                                          gpointer    user_data,
                                          GError    **error);

gboolean     d360_store_read_contacts_in_batches (D360Store             *self,
                                                  GArray                *ids,
                                                  guint                  batch_size,
                                                  D360ContactBatchFunc   func,
                                                  gpointer               user_data,
                                                  GError               **error);

G_END_DECLS
