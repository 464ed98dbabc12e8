/* d360-store-portfolio.c — reading and writing projects and partnerships
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-store-portfolio"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "d360-date.h"
#include "d360-iso-codes.h"
#include "d360-money.h"
#include "d360-partnership-private.h"
#include "d360-project-private.h"
#include "d360-store-city.h"
#include "d360-store-list-model.h"
#include "d360-store-portfolio.h"
#include "d360-store-private.h"

/* ------------------------------------------------------------------- SQL */

#define PROJECT_COLUMNS \
  "p.id, p.city_id, p.title, p.summary, p.description, p.agenda_areas, p.dimensions, " \
  "p.sector, p.stage, p.budget_minor, p.currency, p.funding_sources, p.start_date, " \
  "p.end_date, p.location, p.responsible, p.archived, p.created_at, p.updated_at"

/* The parameters of every project list query, bound from a D360ProjectQuery:
 * ?1 city, ?2 FTS5 match expression, ?3 stage key or NULL, ?4 agenda areas,
 * ?5 dimensions, ?6 funding sources (0: any), ?7 archived. */
#define PROJECT_FILTER \
  "p.city_id = ?1 AND p.archived = ?7 " \
  "AND (?3 IS NULL OR p.stage = ?3) " \
  "AND (?4 = 0 OR (p.agenda_areas & ?4) != 0) " \
  "AND (?5 = 0 OR (p.dimensions & ?5) != 0) " \
  "AND (?6 = 0 OR (p.funding_sources & ?6) != 0) "

#define PROJECT_SEARCH \
  "AND p.id IN (SELECT rowid FROM project_fts WHERE project_fts MATCH ?2) "

/* Without a search ?2 is NULL; naming it keeps the numbering of both forms. */
#define PROJECT_NO_SEARCH "AND ?2 IS NULL "

#define STAGE_ORDER(stage) \
  "CASE " stage " WHEN 'idea' THEN 0 WHEN 'concept' THEN 1 WHEN 'feasibility' THEN 2 " \
  "WHEN 'seeking-partners' THEN 3 WHEN 'negotiation' THEN 4 WHEN 'agreed' THEN 5 " \
  "WHEN 'implementation' THEN 6 WHEN 'completed' THEN 7 ELSE 8 END"

/* Sorting: the keys the inner query picks, its order, and the same order
 * over those keys for the outer query. */
#define SORT_TITLE \
  "p.title AS k1, NULL AS k2 ", \
  "ORDER BY p.title COLLATE NOCASE, p.id ", \
  "ORDER BY page.k1 COLLATE NOCASE, page.id"
#define SORT_STAGE \
  STAGE_ORDER ("p.stage") " AS k1, p.title AS k2 ", \
  "ORDER BY " STAGE_ORDER ("p.stage") ", p.title COLLATE NOCASE, p.id ", \
  "ORDER BY page.k1, page.k2 COLLATE NOCASE, page.id"
#define SORT_BUDGET \
  "p.budget_minor AS k1, p.title AS k2 ", \
  "ORDER BY p.budget_minor IS NULL, p.budget_minor DESC, p.title COLLATE NOCASE, p.id ", \
  "ORDER BY page.k1 IS NULL, page.k1 DESC, page.k2 COLLATE NOCASE, page.id"
#define SORT_UPDATED \
  "p.updated_at AS k1, NULL AS k2 ", \
  "ORDER BY p.updated_at DESC, p.id DESC ", \
  "ORDER BY page.k1 DESC, page.id DESC"

/* A page is found with narrow rows (the id and the sort keys), and only its
 * rows are read whole: sorting thousands of full rows (descriptions
 * included) would cost more than the search. */
#define PROJECT_ROWS(search, sort) PROJECT_ROWS_ (search, sort)
#define PROJECT_ROWS_(search, keys, inner_order, outer_order) \
  "SELECT " PROJECT_COLUMNS " FROM " \
  "(SELECT p.id AS id, " keys "FROM project p WHERE " PROJECT_FILTER search inner_order \
  "LIMIT ? OFFSET ?) AS page JOIN project p ON p.id = page.id " outer_order

/* Every query a project list can run: one per sort order, with and without a
 * search. The user's words only ever reach SQLite as a bound parameter. */
static const char * const project_count_sql[2] = {
  "SELECT count(*) FROM project p WHERE " PROJECT_FILTER PROJECT_NO_SEARCH,
  "SELECT count(*) FROM project p WHERE " PROJECT_FILTER PROJECT_SEARCH,
};

static const char * const project_rows_sql[2][4] = {
  {
    [D360_PROJECT_SORT_TITLE] = PROJECT_ROWS (PROJECT_NO_SEARCH, SORT_TITLE),
    [D360_PROJECT_SORT_STAGE] = PROJECT_ROWS (PROJECT_NO_SEARCH, SORT_STAGE),
    [D360_PROJECT_SORT_BUDGET] = PROJECT_ROWS (PROJECT_NO_SEARCH, SORT_BUDGET),
    [D360_PROJECT_SORT_UPDATED] = PROJECT_ROWS (PROJECT_NO_SEARCH, SORT_UPDATED),
  },
  {
    [D360_PROJECT_SORT_TITLE] = PROJECT_ROWS (PROJECT_SEARCH, SORT_TITLE),
    [D360_PROJECT_SORT_STAGE] = PROJECT_ROWS (PROJECT_SEARCH, SORT_STAGE),
    [D360_PROJECT_SORT_BUDGET] = PROJECT_ROWS (PROJECT_SEARCH, SORT_BUDGET),
    [D360_PROJECT_SORT_UPDATED] = PROJECT_ROWS (PROJECT_SEARCH, SORT_UPDATED),
  },
};

#define PARTNERSHIP_COLUMNS \
  "id, city_id, partner_name, partner_country, partner_is_city, kind, signed_on, " \
  "expires_on, status, dimensions, notes, updated_at"

/* ------------------------------------------------------------ the undo record */

/* One row of project_stage_history, kept whole for an undo. */
typedef struct
{
  char *stage;
  char *changed_on;
  char *created_at;
} HistoryRow;

static void
history_row_free (HistoryRow *row)
{
  g_free (row->stage);
  g_free (row->changed_on);
  g_free (row->created_at);
  g_free (row);
}

/* What d360_store_delete_project() hands back: the project as it was, with
 * its stage history, for d360_store_undo_delete_project(). */
#define D360_TYPE_DELETED_PROJECT (d360_deleted_project_get_type ())

G_DECLARE_FINAL_TYPE (D360DeletedProject, d360_deleted_project, D360, DELETED_PROJECT, GObject)

struct _D360DeletedProject
{
  GObject      parent_instance;

  D360Project *project;
  GPtrArray   *history;   /* of HistoryRow, oldest first */
};

G_DEFINE_FINAL_TYPE (D360DeletedProject, d360_deleted_project, G_TYPE_OBJECT)

static void
d360_deleted_project_finalize (GObject *object)
{
  D360DeletedProject *self = (D360DeletedProject *) object;

  g_clear_object (&self->project);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_deleted_project_parent_class)->finalize (object);
}

static void
d360_deleted_project_class_init (D360DeletedProjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = d360_deleted_project_finalize;
}

static void
d360_deleted_project_init (D360DeletedProject *self)
{
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) history_row_free);
}

/* ---------------------------------------------------------------- helpers */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
bind_optional_int64 (sqlite3_stmt *stmt,
                     int           index,
                     gint64        value,
                     gboolean      present)
{
  if (present)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
city_exists (D360Store  *self,
             gint64      city_id,
             GError    **error)
{
  sqlite3_stmt *stmt = d360_store_prepare (self, "SELECT 1 FROM city WHERE id = ?1", error);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, city_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!exists)
    return not_found (error, _("The city does not exist any more."));
  return TRUE;
}

/* Checks an optional date: NULL, or a real "YYYY-MM-DD" date put in @date. */
static gboolean
is_valid_optional_date (const char *text,
                        GDate      *date)
{
  return text == NULL || d360_date_parse (text, date);
}

/* Turns what the user typed into an FTS5 query: every word a quoted string
 * (its quotes doubled) matching as a prefix, all of them required. Words of
 * punctuation only are dropped. Returns NULL when no word is left. */
static char *
build_match_expression (const char *search)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  const char *p = search;

  if (search == NULL || !g_utf8_validate (search, -1, NULL))
    return NULL;

  while (*p != '\0')
    {
      const char *start;
      gboolean has_word_char = FALSE;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          has_word_char |= g_unichar_isalnum (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      if (!has_word_char)
        continue;

      if (expr->len > 0)
        g_string_append_c (expr, ' ');
      g_string_append_c (expr, '"');
      for (const char *c = start; c < p; c++)
        {
          if (*c == '"')
            g_string_append_c (expr, '"');
          g_string_append_c (expr, *c);
        }
      g_string_append (expr, "\"*");
    }

  if (expr->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&expr), FALSE);
}

/* --------------------------------------------------------------- projects */

/**
 * d360_stage_change_free:
 */
void
d360_stage_change_free (D360StageChange *change)
{
  if (change == NULL)
    return;

  g_free (change->changed_on);
  g_free (change);
}

/**
 * d360_store_validate_project:
 *
 * Checks what the database would refuse, with a sentence for the user: a
 * title, a city, a budget that is not negative nor too large and has a valid
 * ISO 4217 currency, real dates, and an end not before the start.
 */
gboolean
d360_store_validate_project (D360Project  *project,
                             GError      **error)
{
  const char *currency;
  gint64 budget;
  GDate start, end;

  g_return_val_if_fail (D360_IS_PROJECT (project), FALSE);

  currency = d360_project_get_currency (project);
  budget = d360_project_get_budget_minor (project);

  if (is_blank (d360_project_get_title (project)))
    return invalid (error, _("A project needs a title."));
  if (d360_project_get_city_id (project) <= 0)
    return invalid (error, _("A project must belong to a city."));

  if (budget < -1)
    return invalid (error, _("The budget cannot be negative."));
  if (currency != NULL && !d360_currency_is_valid (currency))
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                   _("“%s” is not an ISO 4217 currency code, such as EUR or RON."), currency);
      return FALSE;
    }
  if (budget >= 0 && currency == NULL)
    return invalid (error, _("Choose the currency of the budget."));
  if (budget > D360_MAX_BUDGET_MINOR)
    {
      g_autofree char *largest = d360_money_format (D360_MAX_BUDGET_MINOR, currency);

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                   _("The budget is too large: at most %s."), largest);
      return FALSE;
    }

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  if (!is_valid_optional_date (d360_project_get_start_date (project), &start))
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                   _("The start date “%s” is not a real date (YYYY-MM-DD)."),
                   d360_project_get_start_date (project));
      return FALSE;
    }
  if (!is_valid_optional_date (d360_project_get_end_date (project), &end))
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                   _("The end date “%s” is not a real date (YYYY-MM-DD)."),
                   d360_project_get_end_date (project));
      return FALSE;
    }
  if (g_date_valid (&start) && g_date_valid (&end) && g_date_compare (&end, &start) < 0)
    return invalid (error, _("The end date cannot be before the start date."));

  return TRUE;
}

static GObject *
project_from_row (sqlite3_stmt *stmt)
{
  D360Project *project = d360_project_new_with_id (sqlite3_column_int64 (stmt, 0));
  D360Stage stage = D360_STAGE_IDEA;

  g_object_freeze_notify (G_OBJECT (project));
  d360_project_set_city_id (project, sqlite3_column_int64 (stmt, 1));
  d360_project_set_title (project, (const char *) sqlite3_column_text (stmt, 2));
  d360_project_set_summary (project, (const char *) sqlite3_column_text (stmt, 3));
  d360_project_set_description (project, (const char *) sqlite3_column_text (stmt, 4));
  d360_project_set_agenda_areas (project,
                                 (guint) sqlite3_column_int (stmt, 5) & D360_ALL_AGENDA_AREAS);
  d360_project_set_dimensions (project,
                               (guint) sqlite3_column_int (stmt, 6) & D360_ALL_DIMENSIONS);
  d360_project_set_sector (project, (const char *) sqlite3_column_text (stmt, 7));
  if (d360_stage_from_key ((const char *) sqlite3_column_text (stmt, 8), &stage))
    d360_project_set_stage (project, stage);
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    d360_project_set_budget_minor (project, sqlite3_column_int64 (stmt, 9));
  d360_project_set_currency (project, (const char *) sqlite3_column_text (stmt, 10));
  d360_project_set_funding_sources (project, (guint) sqlite3_column_int (stmt, 11) &
                                             D360_ALL_FUNDING_SOURCES);
  d360_project_set_start_date (project, (const char *) sqlite3_column_text (stmt, 12));
  d360_project_set_end_date (project, (const char *) sqlite3_column_text (stmt, 13));
  d360_project_set_location (project, (const char *) sqlite3_column_text (stmt, 14));
  d360_project_set_responsible (project, (const char *) sqlite3_column_text (stmt, 15));
  d360_project_set_archived (project, sqlite3_column_int (stmt, 16) != 0);
  d360_project_set_created_at (project, (const char *) sqlite3_column_text (stmt, 17));
  d360_project_set_updated_at (project, (const char *) sqlite3_column_text (stmt, 18));
  g_object_thaw_notify (G_OBJECT (project));

  return G_OBJECT (project);
}

static D360Project *
read_project (D360Store  *self,
              gint64      id,
              GError    **error)
{
  D360Project *project = NULL;
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self, "SELECT " PROJECT_COLUMNS " FROM project p WHERE p.id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    project = D360_PROJECT (project_from_row (stmt));
  sqlite3_reset (stmt);

  if (project == NULL)
    not_found (error, _("The project does not exist any more."));
  return project;
}

/* Copies the timestamps the database set into @project. */
static gboolean
read_project_timestamps (D360Store    *self,
                         D360Project  *project,
                         GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self, "SELECT created_at, updated_at FROM project WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, d360_project_get_id (project));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      d360_project_set_created_at (project, (const char *) sqlite3_column_text (stmt, 0));
      d360_project_set_updated_at (project, (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Binds the sixteen writable columns, in PROJECT_COLUMNS order from city_id. */
static void
bind_project (sqlite3_stmt *stmt,
              D360Project  *project)
{
  gint64 budget = d360_project_get_budget_minor (project);

  sqlite3_bind_int64 (stmt, 1, d360_project_get_city_id (project));
  d360_store_bind_text (stmt, 2, d360_project_get_title (project));
  d360_store_bind_text (stmt, 3, d360_project_get_summary (project));
  d360_store_bind_text (stmt, 4, d360_project_get_description (project));
  sqlite3_bind_int (stmt, 5, (int) d360_project_get_agenda_areas (project));
  sqlite3_bind_int (stmt, 6, (int) d360_project_get_dimensions (project));
  d360_store_bind_text (stmt, 7, d360_project_get_sector (project));
  sqlite3_bind_text (stmt, 8, d360_stage_to_key (d360_project_get_stage (project)), -1,
                     SQLITE_STATIC);
  bind_optional_int64 (stmt, 9, budget, budget >= 0);
  d360_store_bind_text (stmt, 10, d360_project_get_currency (project));
  sqlite3_bind_int (stmt, 11, (int) d360_project_get_funding_sources (project));
  d360_store_bind_text (stmt, 12, d360_project_get_start_date (project));
  d360_store_bind_text (stmt, 13, d360_project_get_end_date (project));
  d360_store_bind_text (stmt, 14, d360_project_get_location (project));
  d360_store_bind_text (stmt, 15, d360_project_get_responsible (project));
  sqlite3_bind_int (stmt, 16, d360_project_get_archived (project));
}

/* Inserts (id 0) or updates @project; a new one gets its id. The caller runs
 * this inside a transaction and has validated @project. */
static gboolean
write_project (D360Store    *self,
               D360Project  *project,
               GError      **error)
{
  gboolean is_new = d360_project_get_id (project) == 0;
  sqlite3_stmt *stmt;

  if (!city_exists (self, d360_project_get_city_id (project), error))
    return FALSE;

  if (is_new)
    stmt = d360_store_prepare (self,
                               "INSERT INTO project (city_id, title, summary, description, "
                               "agenda_areas, dimensions, sector, stage, budget_minor, currency, "
                               "funding_sources, start_date, end_date, location, responsible, "
                               "archived) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                               "?14, ?15, ?16)",
                               error);
  else
    stmt = d360_store_prepare (self,
                               "UPDATE project SET city_id = ?1, title = ?2, summary = ?3, "
                               "description = ?4, agenda_areas = ?5, dimensions = ?6, "
                               "sector = ?7, stage = ?8, budget_minor = ?9, currency = ?10, "
                               "funding_sources = ?11, start_date = ?12, end_date = ?13, "
                               "location = ?14, responsible = ?15, archived = ?16 "
                               "WHERE id = ?17",
                               error);
  if (stmt == NULL)
    return FALSE;

  bind_project (stmt, project);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 17, d360_project_get_id (project));

  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    d360_project_set_id (project, sqlite3_last_insert_rowid (d360_store_get_db (self)));
  else if (sqlite3_changes (d360_store_get_db (self)) == 0)
    return not_found (error, _("The project was deleted in the meantime."));

  d360_store_emit_changed (self, "project");
  return read_project_timestamps (self, project, error);
}

static gboolean
save_project_in_transaction (D360Store  *self,
                             gpointer    user_data,
                             GError    **error)
{
  return write_project (self, user_data, error);
}

/**
 * d360_store_save_project:
 * @project: a new project (id 0), or one read from this store
 *
 * Inserts or updates @project in one transaction; a new project gets its id,
 * and both get the timestamps the database set. A changed stage is added to
 * the stage history with today's date. Nothing is written when a value is
 * invalid (%D360_STORE_ERROR_INVALID, with a sentence for the user).
 */
gboolean
d360_store_save_project (D360Store    *self,
                         D360Project  *project,
                         GError      **error)
{
  gint64 old_id;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (D360_IS_PROJECT (project), FALSE);

  if (!d360_store_validate_project (project, error))
    return FALSE;

  old_id = d360_project_get_id (project);
  if (!d360_store_run_in_transaction (self, save_project_in_transaction, project, error))
    {
      d360_project_set_id (project, old_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * d360_store_get_project:
 *
 * Returns: (transfer full) (nullable): the project, or %NULL and
 *   %D360_STORE_ERROR_NOT_FOUND
 */
D360Project *
d360_store_get_project (D360Store  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  return read_project (self, id, error);
}

typedef struct
{
  gint64       id;
  D360Project *copy;
} DuplicateData;

static gboolean
duplicate_in_transaction (D360Store  *self,
                          gpointer    user_data,
                          GError    **error)
{
  DuplicateData *data = user_data;
  g_autoptr(D360Project) original = read_project (self, data->id, error);
  g_autoptr(D360Project) copy = NULL;
  g_autofree char *title = NULL;

  if (original == NULL)
    return FALSE;

  /* A new project: its own id, timestamps and stage history, not archived. */
  copy = d360_project_new (d360_project_get_city_id (original), NULL);
  title = g_strdup_printf (_("%s (copy)"), d360_project_get_title (original));
  d360_project_set_title (copy, title);
  d360_project_set_summary (copy, d360_project_get_summary (original));
  d360_project_set_description (copy, d360_project_get_description (original));
  d360_project_set_agenda_areas (copy, d360_project_get_agenda_areas (original));
  d360_project_set_dimensions (copy, d360_project_get_dimensions (original));
  d360_project_set_sector (copy, d360_project_get_sector (original));
  d360_project_set_stage (copy, d360_project_get_stage (original));
  d360_project_set_budget_minor (copy, d360_project_get_budget_minor (original));
  d360_project_set_currency (copy, d360_project_get_currency (original));
  d360_project_set_funding_sources (copy, d360_project_get_funding_sources (original));
  d360_project_set_start_date (copy, d360_project_get_start_date (original));
  d360_project_set_end_date (copy, d360_project_get_end_date (original));
  d360_project_set_location (copy, d360_project_get_location (original));
  d360_project_set_responsible (copy, d360_project_get_responsible (original));

  if (!d360_store_validate_project (copy, error) || !write_project (self, copy, error))
    return FALSE;

  data->copy = g_steal_pointer (&copy);
  return TRUE;
}

/**
 * d360_store_duplicate_project:
 * @id: the project to copy
 *
 * Stores a copy of the project titled “… (copy)”, not archived, whose stage
 * history starts today.
 *
 * Returns: (transfer full) (nullable): the new project
 */
D360Project *
d360_store_duplicate_project (D360Store  *self,
                              gint64      id,
                              GError    **error)
{
  DuplicateData data = { id, NULL };

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  if (!d360_store_run_in_transaction (self, duplicate_in_transaction, &data, error))
    {
      g_clear_object (&data.copy);
      return NULL;
    }

  return data.copy;
}

typedef struct
{
  gint64   id;
  gboolean archived;
} ArchiveData;

static gboolean
set_archived_in_transaction (D360Store  *self,
                             gpointer    user_data,
                             GError    **error)
{
  ArchiveData *data = user_data;
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self, "UPDATE project SET archived = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, data->id);
  sqlite3_bind_int (stmt, 2, data->archived);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (d360_store_get_db (self)) == 0)
    return not_found (error, _("The project does not exist any more."));

  d360_store_emit_changed (self, "project");
  return TRUE;
}

/**
 * d360_store_set_project_archived:
 * @archived: %TRUE to archive, %FALSE to bring back
 */
gboolean
d360_store_set_project_archived (D360Store  *self,
                                 gint64      id,
                                 gboolean    archived,
                                 GError    **error)
{
  ArchiveData data = { id, !!archived };

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  return d360_store_run_in_transaction (self, set_archived_in_transaction, &data, error);
}

static gboolean
read_history_rows (D360Store  *self,
                   gint64      project_id,
                   GPtrArray  *rows,
                   GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self,
                             "SELECT stage, changed_on, created_at FROM project_stage_history "
                             "WHERE project_id = ?1 ORDER BY changed_on, id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, project_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HistoryRow *row = g_new0 (HistoryRow, 1);

      row->stage = d360_store_column_text (stmt, 0);
      row->changed_on = d360_store_column_text (stmt, 1);
      row->created_at = d360_store_column_text (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

typedef struct
{
  gint64              id;
  D360DeletedProject *deleted;
} DeleteData;

static gboolean
delete_in_transaction (D360Store  *self,
                       gpointer    user_data,
                       GError    **error)
{
  DeleteData *data = user_data;
  g_autoptr(D360DeletedProject) deleted = g_object_new (D360_TYPE_DELETED_PROJECT, NULL);
  sqlite3_stmt *stmt;

  deleted->project = read_project (self, data->id, error);
  if (deleted->project == NULL || !read_history_rows (self, data->id, deleted->history, error))
    return FALSE;

  stmt = d360_store_prepare (self, "DELETE FROM project WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  d360_store_emit_changed (self, "project");
  data->deleted = g_steal_pointer (&deleted);
  return TRUE;
}

/**
 * d360_store_delete_project:
 *
 * Deletes the project and its stage history in one transaction.
 *
 * Returns: (transfer full) (nullable): what d360_store_undo_delete_project()
 *   needs to bring the project back, or %NULL on error
 */
GObject *
d360_store_delete_project (D360Store  *self,
                           gint64      id,
                           GError    **error)
{
  DeleteData data = { id, NULL };

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  if (!d360_store_run_in_transaction (self, delete_in_transaction, &data, error))
    {
      g_clear_object (&data.deleted);
      return NULL;
    }

  return G_OBJECT (data.deleted);
}

static gboolean
undo_delete_in_transaction (D360Store  *self,
                            gpointer    user_data,
                            GError    **error)
{
  D360DeletedProject *deleted = user_data;
  D360Project *project = deleted->project;
  gint64 id = d360_project_get_id (project);
  sqlite3_stmt *stmt;
  gboolean exists;

  stmt = d360_store_prepare (self, "SELECT 1 FROM project WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (exists)
    return invalid (error, _("The project has already been restored."));

  if (!city_exists (self, d360_project_get_city_id (project), error))
    return FALSE;

  /* The same id and timestamps as before. */
  stmt = d360_store_prepare (self,
                             "INSERT INTO project (city_id, title, summary, description, "
                             "agenda_areas, dimensions, sector, stage, budget_minor, currency, "
                             "funding_sources, start_date, end_date, location, responsible, "
                             "archived, id, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                             "?14, ?15, ?16, ?17, ?18, ?19)",
                             error);
  if (stmt == NULL)
    return FALSE;
  bind_project (stmt, project);
  sqlite3_bind_int64 (stmt, 17, id);
  d360_store_bind_text (stmt, 18, d360_project_get_created_at (project));
  d360_store_bind_text (stmt, 19, d360_project_get_updated_at (project));
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  /* The insert trigger started a fresh history; put the old one back. */
  stmt = d360_store_prepare (self, "DELETE FROM project_stage_history WHERE project_id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < deleted->history->len; i++)
    {
      HistoryRow *row = g_ptr_array_index (deleted->history, i);

      stmt = d360_store_prepare (self,
                                 "INSERT INTO project_stage_history "
                                 "(project_id, stage, changed_on, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      d360_store_bind_text (stmt, 2, row->stage);
      d360_store_bind_text (stmt, 3, row->changed_on);
      d360_store_bind_text (stmt, 4, row->created_at);
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  d360_store_emit_changed (self, "project");
  return TRUE;
}

/**
 * d360_store_undo_delete_project:
 * @deleted: what d360_store_delete_project() returned
 *
 * Brings the project back with the same id, fields, timestamps and stage
 * history, in one transaction. Fails if its city was deleted meanwhile.
 */
gboolean
d360_store_undo_delete_project (D360Store  *self,
                                GObject    *deleted,
                                GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (D360_IS_DELETED_PROJECT (deleted), FALSE);

  return d360_store_run_in_transaction (self, undo_delete_in_transaction, deleted, error);
}

/**
 * d360_store_get_stage_history:
 * @project_id: a project
 *
 * Returns: (transfer container) (element-type D360StageChange): every stage
 *   the project has been in with the day it got there, oldest first
 */
GPtrArray *
d360_store_get_stage_history (D360Store  *self,
                              gint64      project_id,
                              GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) history_row_free);
  GPtrArray *changes;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  if (!read_history_rows (self, project_id, rows, error))
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_stage_change_free);
  for (guint i = 0; i < rows->len; i++)
    {
      HistoryRow *row = g_ptr_array_index (rows, i);
      D360StageChange *change;
      D360Stage stage;

      if (!d360_stage_from_key (row->stage, &stage))
        continue;
      change = g_new0 (D360StageChange, 1);
      change->stage = stage;
      change->changed_on = g_steal_pointer (&row->changed_on);
      g_ptr_array_add (changes, change);
    }

  return changes;
}

/* ---------------------------------------------------------- project lists */

/* The parameters of the project list queries (see PROJECT_FILTER). */
static GVariant *
query_to_params (const D360ProjectQuery *query,
                 const char             *match)
{
  const char *stage = query->stage >= 0 && query->stage < D360_N_STAGES
                      ? d360_stage_to_key (query->stage) : NULL;

  return g_variant_new ("(xmsmsxxxb)",
                        query->city_id,
                        match,
                        stage,
                        (gint64) query->agenda_areas,
                        (gint64) query->dimensions,
                        (gint64) query->funding_sources,
                        query->archived != FALSE);
}

static guint
query_sort (const D360ProjectQuery *query)
{
  return query->sort <= D360_PROJECT_SORT_UPDATED ? query->sort : D360_PROJECT_SORT_TITLE;
}

/**
 * d360_store_count_projects:
 * @query: what to count
 *
 * Returns: how many projects @query shows, or -1 on error
 */
gint64
d360_store_count_projects (D360Store               *self,
                           const D360ProjectQuery  *query,
                           GError                 **error)
{
  g_autofree char *match = NULL;
  g_autoptr(GVariant) params = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (D360_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  match = build_match_expression (query->search);
  params = g_variant_ref_sink (query_to_params (query, match));

  stmt = d360_store_prepare (self, project_count_sql[match != NULL], error);
  if (stmt == NULL)
    return -1;

  d360_store_bind_params (stmt, params);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    d360_store_set_error (error, d360_store_get_db (self),
                          sqlite3_errcode (d360_store_get_db (self)),
                          _("Could not read the database"));
  sqlite3_reset (stmt);

  return count;
}

/**
 * d360_store_list_projects:
 * @query: what to show; the model keeps no pointer to it
 *
 * Returns: (transfer full): a paged model of #D360Project that follows the
 *   writes to projects
 */
GListModel *
d360_store_list_projects (D360Store              *self,
                          const D360ProjectQuery *query)
{
  D360StoreListModel *model;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  model = d360_store_list_model_new (self, D360_TYPE_PROJECT,
                                     project_count_sql[0],
                                     project_rows_sql[0][D360_PROJECT_SORT_TITLE],
                                     project_from_row);
  d360_store_list_model_watch_table (model, "project");
  d360_store_list_model_watch_table (model, "city");
  d360_store_project_list_set_query (G_LIST_MODEL (model), query);

  return G_LIST_MODEL (model);
}

/**
 * d360_store_project_list_set_query:
 * @model: a model from d360_store_list_projects()
 * @query: what to show now: another search, filter, sort or city
 *
 * Changes what the model shows; it reports one items-changed.
 */
void
d360_store_project_list_set_query (GListModel             *model,
                                   const D360ProjectQuery *query)
{
  g_autofree char *match = NULL;
  gboolean searching;

  g_return_if_fail (D360_IS_STORE_LIST_MODEL (model));
  g_return_if_fail (g_list_model_get_item_type (model) == D360_TYPE_PROJECT);
  g_return_if_fail (query != NULL);

  match = build_match_expression (query->search);
  searching = match != NULL;
  d360_store_list_model_set_sql (D360_STORE_LIST_MODEL (model),
                                 project_count_sql[searching],
                                 project_rows_sql[searching][query_sort (query)],
                                 query_to_params (query, match));
}

/* ----------------------------------------------------------- partnerships */

/**
 * d360_store_validate_partnership:
 *
 * Checks what the database would refuse, with a sentence for the user: a
 * partner, a city, a valid country code, real dates, and an expiry not before
 * the signing.
 */
gboolean
d360_store_validate_partnership (D360Partnership  *partnership,
                                 GError          **error)
{
  const char *country;
  GDate signed_on, expires_on;

  g_return_val_if_fail (D360_IS_PARTNERSHIP (partnership), FALSE);

  country = d360_partnership_get_partner_country (partnership);

  if (is_blank (d360_partnership_get_partner_name (partnership)))
    return invalid (error, _("A partnership needs a partner: the name of a city or an "
                             "organisation."));
  if (d360_partnership_get_city_id (partnership) <= 0)
    return invalid (error, _("A partnership must belong to a city."));
  if (country != NULL && (strlen (country) != 2 ||
                          d360_iso_codes_lookup (D360_ISO_COUNTRIES, country) == NULL))
    return invalid (error, _("The partner’s country must be a two-letter ISO 3166 code, "
                             "such as DE."));

  g_date_clear (&signed_on, 1);
  g_date_clear (&expires_on, 1);
  if (!is_valid_optional_date (d360_partnership_get_signed_on (partnership), &signed_on))
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                   _("The signing date “%s” is not a real date (YYYY-MM-DD)."),
                   d360_partnership_get_signed_on (partnership));
      return FALSE;
    }
  if (!is_valid_optional_date (d360_partnership_get_expires_on (partnership), &expires_on))
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                   _("The expiry date “%s” is not a real date (YYYY-MM-DD)."),
                   d360_partnership_get_expires_on (partnership));
      return FALSE;
    }
  if (g_date_valid (&signed_on) && g_date_valid (&expires_on) &&
      g_date_compare (&expires_on, &signed_on) < 0)
    return invalid (error, _("The expiry date cannot be before the signing date."));

  return TRUE;
}

static GObject *
partnership_from_row (sqlite3_stmt *stmt)
{
  D360Partnership *partnership = d360_partnership_new_with_id (sqlite3_column_int64 (stmt, 0),
                                                               sqlite3_column_int64 (stmt, 1));
  D360PartnershipKind kind;
  D360PartnershipStatus status;

  g_object_freeze_notify (G_OBJECT (partnership));
  d360_partnership_set_partner_name (partnership, (const char *) sqlite3_column_text (stmt, 2));
  d360_partnership_set_partner_country (partnership,
                                        (const char *) sqlite3_column_text (stmt, 3));
  d360_partnership_set_partner_is_city (partnership, sqlite3_column_int (stmt, 4) != 0);
  if (d360_partnership_kind_from_key ((const char *) sqlite3_column_text (stmt, 5), &kind))
    d360_partnership_set_kind (partnership, kind);
  d360_partnership_set_signed_on (partnership, (const char *) sqlite3_column_text (stmt, 6));
  d360_partnership_set_expires_on (partnership, (const char *) sqlite3_column_text (stmt, 7));
  if (d360_partnership_status_from_key ((const char *) sqlite3_column_text (stmt, 8), &status))
    d360_partnership_set_status (partnership, status);
  d360_partnership_set_dimensions (partnership,
                                   (guint) sqlite3_column_int (stmt, 9) & D360_ALL_DIMENSIONS);
  d360_partnership_set_notes (partnership, (const char *) sqlite3_column_text (stmt, 10));
  d360_partnership_set_updated_at (partnership, (const char *) sqlite3_column_text (stmt, 11));
  g_object_thaw_notify (G_OBJECT (partnership));

  return G_OBJECT (partnership);
}

static gboolean
write_partnership (D360Store        *self,
                   D360Partnership  *partnership,
                   GError          **error)
{
  gboolean is_new = d360_partnership_get_id (partnership) == 0;
  sqlite3_stmt *stmt;

  if (!city_exists (self, d360_partnership_get_city_id (partnership), error))
    return FALSE;

  if (is_new)
    stmt = d360_store_prepare (self,
                               "INSERT INTO partnership (city_id, partner_name, partner_country, "
                               "partner_is_city, kind, signed_on, expires_on, status, "
                               "dimensions, notes) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               error);
  else
    stmt = d360_store_prepare (self,
                               "UPDATE partnership SET city_id = ?1, partner_name = ?2, "
                               "partner_country = ?3, partner_is_city = ?4, kind = ?5, "
                               "signed_on = ?6, expires_on = ?7, status = ?8, dimensions = ?9, "
                               "notes = ?10 WHERE id = ?11",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, d360_partnership_get_city_id (partnership));
  d360_store_bind_text (stmt, 2, d360_partnership_get_partner_name (partnership));
  d360_store_bind_text (stmt, 3, d360_partnership_get_partner_country (partnership));
  sqlite3_bind_int (stmt, 4, d360_partnership_get_partner_is_city (partnership));
  sqlite3_bind_text (stmt, 5,
                     d360_partnership_kind_to_key (d360_partnership_get_kind (partnership)),
                     -1, SQLITE_STATIC);
  d360_store_bind_text (stmt, 6, d360_partnership_get_signed_on (partnership));
  d360_store_bind_text (stmt, 7, d360_partnership_get_expires_on (partnership));
  sqlite3_bind_text (stmt, 8,
                     d360_partnership_status_to_key (d360_partnership_get_status (partnership)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, (int) d360_partnership_get_dimensions (partnership));
  d360_store_bind_text (stmt, 10, d360_partnership_get_notes (partnership));
  if (!is_new)
    sqlite3_bind_int64 (stmt, 11, d360_partnership_get_id (partnership));

  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    d360_partnership_set_id (partnership, sqlite3_last_insert_rowid (d360_store_get_db (self)));
  else if (sqlite3_changes (d360_store_get_db (self)) == 0)
    return not_found (error, _("The partnership was deleted in the meantime."));

  stmt = d360_store_prepare (self, "SELECT updated_at FROM partnership WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d360_partnership_get_id (partnership));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    d360_partnership_set_updated_at (partnership, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  d360_store_emit_changed (self, "partnership");
  return TRUE;
}

static gboolean
save_partnership_in_transaction (D360Store  *self,
                                 gpointer    user_data,
                                 GError    **error)
{
  return write_partnership (self, user_data, error);
}

/**
 * d360_store_save_partnership:
 * @partnership: a new partnership (id 0), or one read from this store
 *
 * Inserts or updates @partnership in one transaction. Nothing is written
 * when a value is invalid.
 */
gboolean
d360_store_save_partnership (D360Store        *self,
                             D360Partnership  *partnership,
                             GError          **error)
{
  gint64 old_id;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (D360_IS_PARTNERSHIP (partnership), FALSE);

  if (!d360_store_validate_partnership (partnership, error))
    return FALSE;

  old_id = d360_partnership_get_id (partnership);
  if (!d360_store_run_in_transaction (self, save_partnership_in_transaction, partnership, error))
    {
      d360_partnership_set_id (partnership, old_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * d360_store_get_partnership:
 *
 * Returns: (transfer full) (nullable): the partnership
 */
D360Partnership *
d360_store_get_partnership (D360Store  *self,
                            gint64      id,
                            GError    **error)
{
  D360Partnership *partnership = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  stmt = d360_store_prepare (self, "SELECT " PARTNERSHIP_COLUMNS " FROM partnership WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    partnership = D360_PARTNERSHIP (partnership_from_row (stmt));
  sqlite3_reset (stmt);

  if (partnership == NULL)
    not_found (error, _("The partnership does not exist any more."));
  return partnership;
}

static gboolean
delete_partnership_in_transaction (D360Store  *self,
                                   gpointer    user_data,
                                   GError    **error)
{
  gint64 id = *(gint64 *) user_data;
  sqlite3_stmt *stmt = d360_store_prepare (self, "DELETE FROM partnership WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (d360_store_get_db (self)) == 0)
    return not_found (error, _("The partnership does not exist any more."));

  d360_store_emit_changed (self, "partnership");
  return TRUE;
}

gboolean
d360_store_delete_partnership (D360Store  *self,
                               gint64      id,
                               GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  return d360_store_run_in_transaction (self, delete_partnership_in_transaction, &id, error);
}

/**
 * d360_store_list_partnerships:
 * @city_id: the city
 *
 * Returns: (transfer full): a paged model of the city's #D360Partnership, by
 *   partner name
 */
GListModel *
d360_store_list_partnerships (D360Store *self,
                              gint64     city_id)
{
  D360StoreListModel *model;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  model = d360_store_list_model_new (self, D360_TYPE_PARTNERSHIP,
                                     "SELECT count(*) FROM partnership WHERE city_id = ?1",
                                     "SELECT " PARTNERSHIP_COLUMNS " FROM partnership "
                                     "WHERE city_id = ?1 "
                                     "ORDER BY partner_name COLLATE NOCASE, id LIMIT ? OFFSET ?",
                                     partnership_from_row);
  d360_store_list_model_watch_table (model, "partnership");
  d360_store_list_model_watch_table (model, "city");
  d360_store_list_model_set_params (model, g_variant_new ("(x)", city_id));

  return G_LIST_MODEL (model);
}

/**
 * d360_store_count_city_contents:
 * @n_projects: (out) (optional): the city's projects, archived ones included
 * @n_partnerships: (out) (optional): the city's partnerships
 */
gboolean
d360_store_count_city_contents (D360Store  *self,
                                gint64      city_id,
                                guint      *n_projects,
                                guint      *n_partnerships,
                                GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  stmt = d360_store_prepare (self,
                             "SELECT (SELECT count(*) FROM project WHERE city_id = ?1), "
                             "(SELECT count(*) FROM partnership WHERE city_id = ?1)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, city_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      d360_store_set_error (error, d360_store_get_db (self),
                            sqlite3_errcode (d360_store_get_db (self)),
                            _("Could not read the database"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  if (n_projects != NULL)
    *n_projects = (guint) sqlite3_column_int64 (stmt, 0);
  if (n_partnerships != NULL)
    *n_partnerships = (guint) sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* -------------------------------------------------------- sample portfolio */

#define DIM(d) D360_DIMENSION_BIT (D360_DIMENSION_##d)

/* A project of the sample city. Years are counted from the current one, so
 * the sample never looks stale. */
typedef struct
{
  const char *title;
  const char *summary;
  const char *sector;
  const char *location;     /* a place in the city: not translated */
  const char *responsible;  /* a person: not translated */
  guint       agenda_areas;
  guint       dimensions;
  guint       funding_sources;
  D360Stage   stage;
  gint64      budget_minor;
  const char *currency;
  int         start_year;   /* relative to this year */
  int         start_month;
  int         months;
  gboolean    archived;
} SampleProject;

static const SampleProject sample_projects[] = {
  {
    N_("Western industrial park for foreign investors"),
    N_("A 120-hectare serviced industrial park by the motorway, offered to foreign "
       "manufacturers with a one-stop shop for permits."),
    N_("Manufacturing and logistics"), "Calea Șagului", "Ioana Popescu",
    D360_AGENDA_FOREIGN_INVESTMENT, DIM (ECONOMY) | DIM (TRANSPORT),
    D360_FUNDING_EU | D360_FUNDING_PRIVATE, D360_STAGE_NEGOTIATION,
    G_GINT64_CONSTANT (4500000000), "EUR", 0, 3, 36, FALSE,
  },
  {
    N_("Bega river cultural festival"),
    N_("Ten days of music, theatre and street art along the Bega canal, co-produced with "
       "the sister city."),
    N_("Culture and creative industries"), "Malul Begăi", "Andrei Ionescu",
    D360_AGENDA_CULTURE | D360_AGENDA_TOURISM | D360_AGENDA_SISTER_CITIES,
    DIM (CULTURE) | DIM (NETWORKS),
    D360_FUNDING_EU | D360_FUNDING_NATIONAL | D360_FUNDING_PRIVATE, D360_STAGE_IMPLEMENTATION,
    G_GINT64_CONSTANT (250000000), "RON", 0, 6, 4, FALSE,
  },
  {
    N_("Tram line extension to the university campus"),
    N_("Six kilometres of new tram line with low-floor trams, linking the campus and the "
       "western districts to the centre."),
    N_("Urban transport"), "Bulevardul Eroilor de la Tisa", "Mihai Stănescu",
    D360_AGENDA_EDUCATION, DIM (TRANSPORT) | DIM (ENVIRONMENT),
    D360_FUNDING_EU | D360_FUNDING_WORLD_BANK, D360_STAGE_FEASIBILITY,
    G_GINT64_CONSTANT (6200000000), "EUR", 1, 4, 48, FALSE,
  },
  {
    N_("Flood protection on the Bega and Timiș rivers"),
    N_("Dykes, retention basins and an early-warning system protecting 40 000 residents, "
       "prepared with the water authority."),
    N_("Climate adaptation"), "Lunca Timișului", "Elena Dumitrescu",
    D360_AGENDA_SECURITY_DEFENCE, DIM (ENVIRONMENT) | DIM (SECURITY),
    D360_FUNDING_WORLD_BANK | D360_FUNDING_NATIONAL, D360_STAGE_SEEKING_PARTNERS,
    G_GINT64_CONSTANT (1800000000), "USD", 1, 1, 36, FALSE,
  },
  {
    N_("Twinning programme with Beispielstadt"),
    N_("Exchanges of pupils, civil servants, choirs and sports clubs for twenty years of "
       "partnership."),
    N_("Citizens and civil society"), "Piața Victoriei", "Ana-Maria Georgescu",
    D360_AGENDA_SISTER_CITIES | D360_AGENDA_CULTURE | D360_AGENDA_EDUCATION,
    DIM (NETWORKS) | DIM (REPRESENTATION) | DIM (CULTURE),
    D360_FUNDING_EU, D360_STAGE_AGREED,
    G_GINT64_CONSTANT (15000000), "EUR", 0, 9, 24, FALSE,
  },
  {
    N_("University exchange for engineering students"),
    N_("Semester exchanges and joint summer schools in automotive and software engineering "
       "with three partner universities."),
    N_("Higher education"), "Campusul universitar", "Radu Constantinescu",
    D360_AGENDA_EDUCATION | D360_AGENDA_IMMIGRATION, DIM (ECONOMY) | DIM (NETWORKS),
    D360_FUNDING_EU | D360_FUNDING_PRIVATE, D360_STAGE_IMPLEMENTATION,
    G_GINT64_CONSTANT (40000000), "EUR", -1, 10, 36, FALSE,
  },
  {
    N_("Smart-city security operations centre"),
    N_("One centre for traffic, emergency calls and video monitoring, with strict safeguards "
       "for personal data."),
    N_("Public safety and digital services"), "Strada Ștefan cel Mare", "Cristian Marinescu",
    D360_AGENDA_SECURITY_DEFENCE, DIM (SECURITY) | DIM (TRANSPORT),
    D360_FUNDING_EU | D360_FUNDING_NATIONAL, D360_STAGE_CONCEPT,
    G_GINT64_CONSTANT (950000000), "EUR", 1, 6, 30, FALSE,
  },
  {
    N_("Welcome centre for newcomers and foreign workers"),
    N_("Advice on permits, housing and schools, and Romanian lessons, for the growing number "
       "of workers from abroad."),
    N_("Social services and integration"), "Piața Libertății", "Ioana Popescu",
    D360_AGENDA_IMMIGRATION | D360_AGENDA_FOREIGN_INVESTMENT,
    DIM (REPRESENTATION) | DIM (ECONOMY),
    D360_FUNDING_NATIONAL | D360_FUNDING_OTHER, D360_STAGE_IDEA,
    G_GINT64_CONSTANT (75000000), "RON", 1, 2, 24, FALSE,
  },
  {
    N_("Tourist information centre and city card"),
    N_("A visitor centre in the old town and one card for museums, public transport and "
       "discounts."),
    N_("Tourism"), "Piața Unirii", "Andrei Ionescu",
    D360_AGENDA_TOURISM | D360_AGENDA_CULTURE, DIM (CULTURE) | DIM (ECONOMY),
    D360_FUNDING_NATIONAL, D360_STAGE_COMPLETED,
    G_GINT64_CONSTANT (120000000), "RON", -3, 3, 18, FALSE,
  },
  {
    N_("District heating modernisation"),
    N_("Replacing 38 km of heating pipes and converting the main plant to high-efficiency "
       "cogeneration."),
    N_("Energy"), "CET Centru", "Elena Dumitrescu",
    D360_AGENDA_FOREIGN_INVESTMENT, DIM (ENVIRONMENT) | DIM (ECONOMY),
    D360_FUNDING_WORLD_BANK | D360_FUNDING_EU | D360_FUNDING_NATIONAL, D360_STAGE_AGREED,
    G_GINT64_CONSTANT (8500000000), "EUR", 0, 5, 60, FALSE,
  },
  {
    N_("Landing programme for software investors"),
    N_("Office space, help with recruitment and introductions to the universities for "
       "software firms opening a branch in the city."),
    N_("Information technology"), "Parcul Tehnologic", "Radu Constantinescu",
    D360_AGENDA_FOREIGN_INVESTMENT | D360_AGENDA_EDUCATION, DIM (ECONOMY) | DIM (NETWORKS),
    D360_FUNDING_OECD | D360_FUNDING_PRIVATE, D360_STAGE_SEEKING_PARTNERS,
    G_GINT64_CONSTANT (30000000), "USD", 0, 11, 12, FALSE,
  },
  {
    N_("Cycle network along the canal"),
    N_("Twenty kilometres of protected cycle lanes; dropped when the route clashed with the "
       "flood works."),
    N_("Urban transport"), "Splaiul Tudor Vladimirescu", "Mihai Stănescu",
    D360_AGENDA_TOURISM, DIM (TRANSPORT) | DIM (ENVIRONMENT),
    D360_FUNDING_EU, D360_STAGE_DROPPED,
    G_GINT64_CONSTANT (400000000), "RON", -2, 4, 24, FALSE,
  },
  {
    N_("Start-up grants for the returning diaspora"),
    N_("Grants and mentoring for Romanians who come back from abroad to start a business in "
       "the city."),
    N_("Entrepreneurship"), "Centrul de afaceri", "Ana-Maria Georgescu",
    D360_AGENDA_IMMIGRATION | D360_AGENDA_FOREIGN_INVESTMENT, DIM (ECONOMY),
    D360_FUNDING_NATIONAL | D360_FUNDING_PRIVATE, D360_STAGE_CONCEPT,
    G_GINT64_CONSTANT (200000000), "RON", 1, 1, 36, FALSE,
  },
  {
    N_("Christmas market exchange with Beispielstadt"),
    N_("Stalls and crafts exchanged between the two Christmas markets; a finished pilot, "
       "archived for reference."),
    N_("Tourism"), "Piața Victoriei", "Andrei Ionescu",
    D360_AGENDA_SISTER_CITIES | D360_AGENDA_TOURISM, DIM (CULTURE) | DIM (NETWORKS),
    D360_FUNDING_OTHER, D360_STAGE_COMPLETED,
    G_GINT64_CONSTANT (2500000), "EUR", -4, 11, 2, TRUE,
  },
};

/* A partnership of the sample city. Organisations' names are translated;
 * the (made-up) partner cities' names are not. Dates are fixed, but for the
 * agreement that comes up for renewal: it expires @expires_in_days from now. */
typedef struct
{
  const char            *partner_name;
  gboolean               translate_name;
  const char            *country;
  gboolean               is_city;
  D360PartnershipKind    kind;
  D360PartnershipStatus  status;
  const char            *signed_on;
  const char            *expires_on;
  int                    expires_in_days;  /* 0: use expires_on */
  guint                  dimensions;
  const char            *notes;
} SamplePartnership;

static const SamplePartnership sample_partnerships[] = {
  {
    "Beispielstadt", FALSE, "DE", TRUE, D360_PARTNERSHIP_SISTER_CITY, D360_PARTNERSHIP_ACTIVE,
    "2005-05-09", NULL, 0, DIM (CULTURE) | DIM (NETWORKS) | DIM (REPRESENTATION),
    N_("Twinned since 2005: yearly exchanges of pupils, choirs and civil servants."),
  },
  {
    N_("Romanian-German Chamber of Commerce and Industry"), TRUE, "RO", FALSE,
    D360_PARTNERSHIP_MOU, D360_PARTNERSHIP_ACTIVE, "2022-09-15", NULL, 60, DIM (ECONOMY),
    N_("Joint investor missions and a desk for German investors at the city hall. "
       "Up for renewal soon."),
  },
  {
    N_("Covenant of Mayors for Climate & Energy"), TRUE, NULL, FALSE,
    D360_PARTNERSHIP_INTERNATIONAL_COMMITMENT, D360_PARTNERSHIP_ACTIVE, "2016-03-15", NULL, 0,
    DIM (ENVIRONMENT),
    N_("Commitment to cut CO₂ emissions by at least 55% by 2030; the action plan is "
       "submitted."),
  },
  {
    N_("Eurocities"), TRUE, "BE", FALSE, D360_PARTNERSHIP_NETWORK_MEMBERSHIP,
    D360_PARTNERSHIP_ACTIVE, "2019-11-01", NULL, 0, DIM (NETWORKS) | DIM (REPRESENTATION),
    N_("Member of the culture and mobility forums."),
  },
  {
    "Primer Grad", FALSE, "RS", TRUE, D360_PARTNERSHIP_COOPERATION_AGREEMENT,
    D360_PARTNERSHIP_PROPOSED, NULL, NULL, 0, DIM (TRANSPORT) | DIM (ECONOMY),
    N_("Cross-border cooperation on a regional railway, proposed for Interreg funding."),
  },
  {
    "Città di Esempio", FALSE, "IT", TRUE, D360_PARTNERSHIP_COOPERATION_AGREEMENT,
    D360_PARTNERSHIP_ENDED, "2012-10-01", "2022-09-30", 0, DIM (CULTURE),
    N_("A ten-year agreement on heritage restoration; ended as planned."),
  },
  {
    "Példaváros", FALSE, "HU", TRUE, D360_PARTNERSHIP_MOU, D360_PARTNERSHIP_DORMANT,
    "2015-06-20", "2030-06-19", 0, DIM (SECURITY) | DIM (ENVIRONMENT),
    N_("Civil protection and flood exercises; no activity since the last joint drill."),
  },
};

static char *
sample_date (int years_from_now,
             int month,
             int months_later)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, (GDateMonth) month,
                  (GDateYear) (g_date_time_get_year (now) + years_from_now));
  if (months_later > 0)
    {
      g_date_add_months (&date, (guint) months_later);
      g_date_subtract_days (&date, 1);
    }
  return d360_date_to_string (&date);
}

/* The stages a sample project went through, with plausible days: the last
 * change @days_ago, earlier ones three months apart. */
static gboolean
write_sample_history (D360Store  *self,
                      gint64      project_id,
                      D360Stage   stage,
                      guint       days_ago,
                      GError    **error)
{
  D360Stage path[D360_N_STAGES];
  guint n = 0;
  sqlite3_stmt *stmt;
  GDate today;

  if (stage == D360_STAGE_DROPPED)
    {
      path[n++] = D360_STAGE_IDEA;
      path[n++] = D360_STAGE_CONCEPT;
      path[n++] = D360_STAGE_FEASIBILITY;
      path[n++] = D360_STAGE_DROPPED;
    }
  else
    for (guint s = D360_STAGE_IDEA; s <= stage; s++)
      path[n++] = s;

  stmt = d360_store_prepare (self, "DELETE FROM project_stage_history WHERE project_id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, project_id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  d360_date_set_today (&today);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *changed_on = NULL;
      GDate day = today;

      g_date_subtract_days (&day, days_ago + 90 * (n - 1 - i));
      changed_on = d360_date_to_string (&day);

      stmt = d360_store_prepare (self,
                                 "INSERT INTO project_stage_history "
                                 "(project_id, stage, changed_on) VALUES (?1, ?2, ?3)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, project_id);
      sqlite3_bind_text (stmt, 2, d360_stage_to_key (path[i]), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, changed_on, -1, SQLITE_TRANSIENT);
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static D360City *
build_sample_city (void)
{
  static const int priorities[D360_N_DIMENSIONS] = {
    [D360_DIMENSION_SECURITY] = 2,
    [D360_DIMENSION_ECONOMY] = 5,
    [D360_DIMENSION_ENVIRONMENT] = 3,
    [D360_DIMENSION_CULTURE] = 4,
    [D360_DIMENSION_TRANSPORT] = 4,
    [D360_DIMENSION_NETWORKS] = 3,
    [D360_DIMENSION_REPRESENTATION] = 3,
  };
  D360City *city = d360_city_new (_("Sample City (workshop)"));

  d360_city_set_country (city, "RO");
  d360_city_set_county (city, "RO-TM");
  d360_city_set_population (city, 250000);
  d360_city_set_area_km2 (city, 130.5);
  d360_city_set_coordinates (city, 45.75, 21.23);
  d360_city_set_mayor (city, _("Sample Mayor"));
  d360_city_set_website (city, "https://example.org/sample-city");
  d360_city_set_summary (city, _("A made-up city in Timiș county for training workshops, with "
                                 "projects at every stage and a few partnerships. Remove it "
                                 "from the menu when the workshop is over."));
  d360_city_set_strengths (city, _("Automotive and software industries, two universities, a "
                                   "multicultural heritage, a motorway and an international "
                                   "airport nearby."));
  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    d360_city_set_dimension_priority (city, i, priorities[i]);

  return city;
}

static gboolean
load_sample_in_transaction (D360Store  *self,
                            gpointer    user_data,
                            GError    **error)
{
  gint64 *city_id = user_data;
  g_autoptr(D360City) city = NULL;
  sqlite3_stmt *stmt;

  *city_id = d360_store_find_sample_city (self);
  if (*city_id > 0)
    return TRUE;

  city = build_sample_city ();
  if (!d360_store_save_city (self, city, error))
    return FALSE;

  stmt = d360_store_prepare (self, "UPDATE city SET is_sample = 1 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d360_city_get_id (city));
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_projects); i++)
    {
      const SampleProject *sample = &sample_projects[i];
      g_autoptr(D360Project) project = d360_project_new (d360_city_get_id (city),
                                                         _(sample->title));
      g_autofree char *start = sample_date (sample->start_year, sample->start_month, 0);
      g_autofree char *end = sample_date (sample->start_year, sample->start_month,
                                          sample->months);

      d360_project_set_summary (project, _(sample->summary));
      d360_project_set_sector (project, _(sample->sector));
      d360_project_set_location (project, sample->location);
      d360_project_set_responsible (project, sample->responsible);
      d360_project_set_agenda_areas (project, sample->agenda_areas);
      d360_project_set_dimensions (project, sample->dimensions);
      d360_project_set_funding_sources (project, sample->funding_sources);
      d360_project_set_stage (project, sample->stage);
      d360_project_set_budget_minor (project, sample->budget_minor);
      d360_project_set_currency (project, sample->currency);
      d360_project_set_start_date (project, start);
      d360_project_set_end_date (project, end);
      d360_project_set_archived (project, sample->archived);

      if (!d360_store_validate_project (project, error) ||
          !write_project (self, project, error) ||
          !write_sample_history (self, d360_project_get_id (project), sample->stage,
                                 12 + 9 * i, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sample_partnerships); i++)
    {
      const SamplePartnership *sample = &sample_partnerships[i];
      const char *name = sample->translate_name ? _(sample->partner_name) : sample->partner_name;
      g_autoptr(D360Partnership) partnership = d360_partnership_new (d360_city_get_id (city),
                                                                     name);
      g_autofree char *expires_on = g_strdup (sample->expires_on);

      if (sample->expires_in_days > 0)
        {
          GDate day;

          d360_date_set_today (&day);
          g_date_add_days (&day, (guint) sample->expires_in_days);
          g_free (expires_on);
          expires_on = d360_date_to_string (&day);
        }

      d360_partnership_set_partner_country (partnership, sample->country);
      d360_partnership_set_partner_is_city (partnership, sample->is_city);
      d360_partnership_set_kind (partnership, sample->kind);
      d360_partnership_set_status (partnership, sample->status);
      d360_partnership_set_signed_on (partnership, sample->signed_on);
      d360_partnership_set_expires_on (partnership, expires_on);
      d360_partnership_set_dimensions (partnership, sample->dimensions);
      d360_partnership_set_notes (partnership, _(sample->notes));

      if (!d360_store_validate_partnership (partnership, error) ||
          !write_partnership (self, partnership, error))
        return FALSE;
    }

  d360_store_emit_changed (self, "city");
  d360_store_emit_changed (self, "project");
  d360_store_emit_changed (self, "partnership");
  *city_id = d360_city_get_id (city);
  return TRUE;
}

/**
 * d360_store_load_sample_portfolio:
 *
 * Adds the sample city with its projects and partnerships in one
 * transaction, unless it is already there.
 *
 * Returns: the id of the sample city, or 0 on error
 */
gint64
d360_store_load_sample_portfolio (D360Store  *self,
                                  GError    **error)
{
  gint64 city_id = 0;

  g_return_val_if_fail (D360_IS_STORE (self), 0);

  if (!d360_store_run_in_transaction (self, load_sample_in_transaction, &city_id, error))
    return 0;
  return city_id;
}

/**
 * d360_store_find_sample_city:
 *
 * Returns: the id of the sample city, or 0 when there is none
 */
gint64
d360_store_find_sample_city (D360Store *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (D360_IS_STORE (self), 0);

  stmt = d360_store_prepare (self, "SELECT id FROM city WHERE is_sample = 1 ORDER BY id LIMIT 1",
                             &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return 0;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
remove_sample_in_transaction (D360Store  *self,
                              gpointer    user_data,
                              GError    **error)
{
  sqlite3_stmt *stmt = d360_store_prepare (self, "DELETE FROM city WHERE is_sample = 1", error);

  if (stmt == NULL || !d360_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (d360_store_get_db (self)) > 0)
    {
      d360_store_emit_changed (self, "city");
      d360_store_emit_changed (self, "project");
      d360_store_emit_changed (self, "partnership");
    }
  return TRUE;
}

/**
 * d360_store_remove_sample_portfolio:
 *
 * Deletes the sample city with all its projects and partnerships, in one
 * transaction. Without a sample city there is nothing to do.
 */
gboolean
d360_store_remove_sample_portfolio (D360Store  *self,
                                    GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  return d360_store_run_in_transaction (self, remove_sample_in_transaction, NULL, error);
}
