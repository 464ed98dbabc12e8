/* d360-city-editor.c — the city profile and its seven dimensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit is checked as it is typed. A valid value goes into the city
 * object and a save is scheduled (debounced: one transaction after the user
 * pauses); an invalid one shows its error on its row and is not stored, so
 * the database keeps the last valid value.
 */

#define G_LOG_DOMAIN "d360-city-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-city-editor.h"
#include "d360-form.h"
#include "d360-iso-codes.h"
#include "d360-store-city.h"
#include "d360-validate.h"

#define SAVE_DELAY_MS 600
#define MAX_POPULATION G_GINT64_CONSTANT (100000000)
#define MAX_AREA_KM2 1000000.0

typedef struct
{
  AdwExpanderRow *row;
  AdwComboRow    *priority_row;
  GtkTextView    *notes_view;
} DimensionRows;

struct _D360CityEditor
{
  AdwBin          parent_instance;

  D360Store      *store;
  D360City       *city;
  D360Debouncer  *save_later;
  GPtrArray      *country_codes;   /* index in the country row - 1 → code */
  GPtrArray      *county_codes;
  GCancellable   *counties_read;   /* while the subdivisions are read, or NULL */
  guint           read_counties_id; /* start_reading_counties(), pending */
  gboolean        loading;
  guint           saved_fade_id;
  DimensionRows   dimensions[D360_N_DIMENSIONS];

  GtkWidget      *saved_label;
  AdwEntryRow    *name_row;
  AdwComboRow    *country_row;
  AdwComboRow    *county_row;
  AdwEntryRow    *population_row;
  AdwEntryRow    *area_row;
  AdwEntryRow    *latitude_row;
  AdwEntryRow    *longitude_row;
  AdwEntryRow    *mayor_row;
  AdwEntryRow    *website_row;
  GtkTextView    *summary_view;
  GtkTextView    *strengths_view;
  AdwPreferencesGroup *dimensions_group;
};

G_DEFINE_FINAL_TYPE (D360CityEditor, d360_city_editor, ADW_TYPE_BIN)

/* ------------------------------------------------------------------ saving */

static gboolean
hide_saved_cb (gpointer user_data)
{
  D360CityEditor *self = user_data;

  self->saved_fade_id = 0;
  gtk_widget_set_opacity (self->saved_label, 0);
  return G_SOURCE_REMOVE;
}

static gboolean
save_now (gpointer user_data)
{
  D360CityEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->city == NULL)
    return G_SOURCE_REMOVE;

  if (!d360_store_save_city (self->store, self->city, &error))
    {
      gtk_label_set_label (GTK_LABEL (self->saved_label), error->message);
      gtk_widget_set_opacity (self->saved_label, 1);
      g_warning ("Could not save the city: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  gtk_label_set_label (GTK_LABEL (self->saved_label), _("Saved"));
  gtk_widget_set_opacity (self->saved_label, 1);
  g_clear_handle_id (&self->saved_fade_id, g_source_remove);
  self->saved_fade_id = g_timeout_add_seconds (3, hide_saved_cb, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (D360CityEditor *self)
{
  if (self->loading || self->city == NULL)
    return;

  d360_debouncer_schedule (self->save_later);
}

/* Shows the error on @row, or clears it; returns whether there was none. */
static gboolean
check_row (GtkWidget    *row,
           const GError *error)
{
  d360_form_set_row_error (row, error != NULL ? error->message : NULL);
  return error == NULL;
}

/* ------------------------------------------------------------- the fields */

static void
name_changed_cb (D360CityEditor *self)
{
  g_autofree char *name = d360_form_dup_text (GTK_EDITABLE (self->name_row));
  g_autoptr(GError) error = NULL;

  if (self->loading || self->city == NULL)
    return;

  if (name == NULL)
    g_set_error_literal (&error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                         _("A city needs a name."));
  if (!check_row (GTK_WIDGET (self->name_row), error))
    return;

  d360_city_set_name (self->city, name);
  schedule_save (self);
}

static void
population_changed_cb (D360CityEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean is_set;
  gint64 population = -1;

  if (self->loading || self->city == NULL)
    return;

  d360_form_parse_int64 (gtk_editable_get_text (GTK_EDITABLE (self->population_row)),
                         0, MAX_POPULATION, &population, &is_set, &error);
  if (!check_row (GTK_WIDGET (self->population_row), error))
    return;

  d360_city_set_population (self->city, is_set ? population : -1);
  schedule_save (self);
}

static void
area_changed_cb (D360CityEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean is_set;
  double area = -1;

  if (self->loading || self->city == NULL)
    return;

  d360_form_parse_double (gtk_editable_get_text (GTK_EDITABLE (self->area_row)),
                          0, MAX_AREA_KM2, &area, &is_set, &error);
  if (!check_row (GTK_WIDGET (self->area_row), error))
    return;

  d360_city_set_area_km2 (self->city, is_set ? area : -1);
  schedule_save (self);
}

static void
coordinates_changed_cb (D360CityEditor *self)
{
  g_autoptr(GError) latitude_error = NULL;
  g_autoptr(GError) longitude_error = NULL;
  gboolean has_latitude, has_longitude;
  double latitude = 0, longitude = 0;
  gboolean latitude_ok, longitude_ok;

  if (self->loading || self->city == NULL)
    return;

  d360_form_parse_double (gtk_editable_get_text (GTK_EDITABLE (self->latitude_row)),
                          -90, 90, &latitude, &has_latitude, &latitude_error);
  d360_form_parse_double (gtk_editable_get_text (GTK_EDITABLE (self->longitude_row)),
                          -180, 180, &longitude, &has_longitude, &longitude_error);

  /* A point needs both; the empty one gets the message. */
  if (latitude_error == NULL && longitude_error == NULL && has_latitude != has_longitude)
    g_set_error_literal (has_latitude ? &longitude_error : &latitude_error,
                         D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                         _("Enter both the latitude and the longitude, or neither."));

  latitude_ok = check_row (GTK_WIDGET (self->latitude_row), latitude_error);
  longitude_ok = check_row (GTK_WIDGET (self->longitude_row), longitude_error);
  if (!latitude_ok || !longitude_ok)
    return;

  if (has_latitude)
    d360_city_set_coordinates (self->city, latitude, longitude);
  else
    d360_city_clear_coordinates (self->city);
  schedule_save (self);
}

static void
mayor_changed_cb (D360CityEditor *self)
{
  g_autofree char *mayor = d360_form_dup_text (GTK_EDITABLE (self->mayor_row));

  if (self->loading || self->city == NULL)
    return;

  d360_city_set_mayor (self->city, mayor);
  schedule_save (self);
}

static void
website_changed_cb (D360CityEditor *self)
{
  g_autofree char *website = d360_form_dup_text (GTK_EDITABLE (self->website_row));
  g_autoptr(GError) error = NULL;

  if (self->loading || self->city == NULL)
    return;

  if (website != NULL && !d360_is_web_url (website))
    g_set_error_literal (&error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID,
                         _("Enter an address starting with http:// or https://, such as "
                           "https://www.primariatm.ro."));
  if (!check_row (GTK_WIDGET (self->website_row), error))
    return;

  d360_city_set_website (self->city, website);
  schedule_save (self);
}

static void
text_changed_cb (D360CityEditor *self,
                 GtkTextBuffer  *buffer)
{
  g_autofree char *summary = NULL;
  g_autofree char *strengths = NULL;

  if (self->loading || self->city == NULL)
    return;

  summary = d360_form_dup_text_view (self->summary_view);
  strengths = d360_form_dup_text_view (self->strengths_view);
  d360_city_set_summary (self->city, summary);
  d360_city_set_strengths (self->city, strengths);
  schedule_save (self);
}

/* ---------------------------------------------------- country and county */

static void counties_read_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

static gboolean
start_reading_counties (gpointer user_data)
{
  D360CityEditor *self = user_data;

  self->read_counties_id = 0;
  d360_iso_codes_load_async (D360_ISO_SUBDIVISIONS, self->counties_read, counties_read_cb, self);
  return G_SOURCE_REMOVE;
}

static void
fill_counties (D360CityEditor *self,
               const char     *country)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) counties = NULL;

  /* The subdivisions of every country take a tenth of a second to read:
   * read in a thread the first time, once the main loop is idle (after the
   * window's first frame), rather than before it. Until then the row offers
   * nothing. */
  if (country != NULL && !d360_iso_codes_is_loaded (D360_ISO_SUBDIVISIONS))
    {
      country = NULL;
      if (self->counties_read == NULL)
        {
          self->counties_read = g_cancellable_new ();
          self->read_counties_id = g_idle_add_full (G_PRIORITY_LOW, start_reading_counties,
                                                    self, NULL);
        }
    }

  counties = d360_iso_codes_subdivisions_of (country);

  g_ptr_array_set_size (self->county_codes, 0);
  gtk_string_list_append (names, C_("county", "None"));
  for (guint i = 0; i < counties->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (counties, i);

      gtk_string_list_append (names, entry->name);
      g_ptr_array_add (self->county_codes, entry->code);
    }

  adw_combo_row_set_model (self->county_row, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->county_row), counties->len > 0);
}

static void
select_code (AdwComboRow *row,
             GPtrArray   *codes,
             const char  *code)
{
  guint index = 0;

  if (code != NULL && g_ptr_array_find_with_equal_func (codes, code, g_str_equal, &index))
    index++;
  else
    index = 0;
  adw_combo_row_set_selected (row, index);
}

/* The subdivisions are at hand: the city's country's go into the row. */
static void
counties_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  D360CityEditor *self = user_data;
  gboolean was_loading;

  /* The editor is gone (its dispose cancelled the read, which returns all
   * the same): nothing to fill. */
  if (!d360_iso_codes_load_finish (result, NULL))
    return;

  g_clear_object (&self->counties_read);
  if (self->city == NULL)
    return;

  was_loading = self->loading;
  self->loading = TRUE;
  fill_counties (self, d360_city_get_country (self->city));
  select_code (self->county_row, self->county_codes, d360_city_get_county (self->city));
  self->loading = was_loading;
}

static const char *
selected_code (AdwComboRow *row,
               GPtrArray   *codes)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > codes->len)
    return NULL;
  return g_ptr_array_index (codes, selected - 1);
}

static void
country_selected_cb (D360CityEditor *self)
{
  const char *country = selected_code (self->country_row, self->country_codes);
  gboolean was_loading = self->loading;

  if (self->city == NULL || g_strcmp0 (country, d360_city_get_country (self->city)) == 0)
    return;

  /* The county list follows the country; a county of another country goes. */
  self->loading = TRUE;
  fill_counties (self, country);
  self->loading = was_loading;

  if (self->loading)
    return;

  d360_city_set_county (self->city, NULL);
  d360_city_set_country (self->city, country);
  schedule_save (self);
}

static void
county_selected_cb (D360CityEditor *self)
{
  if (self->loading || self->city == NULL)
    return;

  d360_city_set_county (self->city, selected_code (self->county_row, self->county_codes));
  schedule_save (self);
}

/* -------------------------------------------------------------- dimensions */

static void
update_dimension_subtitle (D360CityEditor *self,
                           D360Dimension   dimension)
{
  int priority = self->city != NULL ? d360_city_get_dimension_priority (self->city, dimension) : 0;
  g_autofree char *subtitle = NULL;

  if (priority == 0)
    subtitle = g_strdup (_("Priority not set"));
  else
    /* Translators: a dimension's priority, from 1 to 5 */
    subtitle = g_strdup_printf (_("Priority %d of 5"), priority);
  adw_expander_row_set_subtitle (self->dimensions[dimension].row, subtitle);
}

static void
dimension_changed_cb (D360CityEditor *self)
{
  if (self->loading || self->city == NULL)
    return;

  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    {
      g_autofree char *notes = d360_form_dup_text_view (self->dimensions[i].notes_view);
      guint priority = adw_combo_row_get_selected (self->dimensions[i].priority_row);

      d360_city_set_dimension_priority (self->city, i, priority <= 5 ? (int) priority : 0);
      d360_city_set_dimension_notes (self->city, i, notes);
      update_dimension_subtitle (self, i);
    }

  schedule_save (self);
}

static void
build_dimension_rows (D360CityEditor *self)
{
  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    {
      DimensionRows *rows = &self->dimensions[i];
      g_autoptr(GtkStringList) priorities = gtk_string_list_new (NULL);
      g_autofree char *notes_label = NULL;
      GtkWidget *notes_row, *box, *label, *frame;

      gtk_string_list_append (priorities, _("Not set"));
      gtk_string_list_append (priorities, _("1 — Low"));
      gtk_string_list_append (priorities, "2");
      gtk_string_list_append (priorities, "3");
      gtk_string_list_append (priorities, "4");
      gtk_string_list_append (priorities, _("5 — High"));

      rows->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->row),
                                     d360_dimension_get_label (i));

      rows->priority_row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->priority_row), _("Priority"));
      adw_combo_row_set_model (rows->priority_row, G_LIST_MODEL (priorities));
      g_signal_connect_object (rows->priority_row, "notify::selected",
                               G_CALLBACK (dimension_changed_cb), self, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (rows->row, GTK_WIDGET (rows->priority_row));

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (box, 10);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      label = gtk_label_new (_("Notes"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);

      rows->notes_view = GTK_TEXT_VIEW (gtk_text_view_new ());
      gtk_text_view_set_wrap_mode (rows->notes_view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (rows->notes_view, 6);
      gtk_text_view_set_bottom_margin (rows->notes_view, 6);
      gtk_text_view_set_left_margin (rows->notes_view, 8);
      gtk_text_view_set_right_margin (rows->notes_view, 8);
      gtk_widget_set_size_request (GTK_WIDGET (rows->notes_view), -1, 64);
      /* Translators: %s is a dimension, such as Culture */
      notes_label = g_strdup_printf (_("Notes on %s"), d360_dimension_get_label (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (rows->notes_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, notes_label, -1);
      g_signal_connect_object (gtk_text_view_get_buffer (rows->notes_view), "changed",
                               G_CALLBACK (dimension_changed_cb), self, G_CONNECT_SWAPPED);
      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (rows->notes_view));
      gtk_box_append (GTK_BOX (box), frame);

      notes_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (notes_row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (notes_row), box);
      adw_expander_row_add_row (rows->row, notes_row);

      adw_preferences_group_add (self->dimensions_group, GTK_WIDGET (rows->row));
    }
}

/* ----------------------------------------------------------------- loading */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  d360_form_set_row_error (GTK_WIDGET (row), NULL);
}

static void
load_city (D360CityEditor *self)
{
  D360City *city = self->city;
  g_autofree char *population = NULL;
  g_autofree char *area = NULL;
  g_autofree char *latitude_text = NULL;
  g_autofree char *longitude_text = NULL;
  double latitude, longitude;

  gtk_widget_set_sensitive (GTK_WIDGET (self), city != NULL);
  if (city == NULL)
    return;

  self->loading = TRUE;

  if (d360_city_get_population (city) >= 0)
    population = g_strdup_printf ("%" G_GINT64_FORMAT, d360_city_get_population (city));
  if (d360_city_get_area_km2 (city) >= 0)
    area = d360_form_format_double (d360_city_get_area_km2 (city));
  if (d360_city_get_coordinates (city, &latitude, &longitude))
    {
      latitude_text = d360_form_format_double (latitude);
      longitude_text = d360_form_format_double (longitude);
    }

  set_entry (self->name_row, d360_city_get_name (city));
  set_entry (self->population_row, population);
  set_entry (self->area_row, area);
  set_entry (self->latitude_row, latitude_text);
  set_entry (self->longitude_row, longitude_text);
  set_entry (self->mayor_row, d360_city_get_mayor (city));
  set_entry (self->website_row, d360_city_get_website (city));
  d360_form_set_text_view (self->summary_view, d360_city_get_summary (city));
  d360_form_set_text_view (self->strengths_view, d360_city_get_strengths (city));

  select_code (self->country_row, self->country_codes, d360_city_get_country (city));
  fill_counties (self, d360_city_get_country (city));
  select_code (self->county_row, self->county_codes, d360_city_get_county (city));

  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    {
      adw_combo_row_set_selected (self->dimensions[i].priority_row,
                                  (guint) d360_city_get_dimension_priority (city, i));
      d360_form_set_text_view (self->dimensions[i].notes_view,
                               d360_city_get_dimension_notes (city, i));
      update_dimension_subtitle (self, i);
    }

  gtk_widget_set_opacity (self->saved_label, 0);
  self->loading = FALSE;
}

/* --------------------------------------------------------------- GObject */

static void
d360_city_editor_dispose (GObject *object)
{
  D360CityEditor *self = (D360CityEditor *) object;

  /* A pending edit is saved, never dropped. */
  g_clear_pointer (&self->save_later, d360_debouncer_free);
  g_clear_handle_id (&self->saved_fade_id, g_source_remove);
  g_clear_handle_id (&self->read_counties_id, g_source_remove);
  g_cancellable_cancel (self->counties_read);
  g_clear_object (&self->counties_read);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_CITY_EDITOR);
  g_clear_object (&self->city);
  g_clear_object (&self->store);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->county_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_city_editor_parent_class)->dispose (object);
}

static void
d360_city_editor_class_init (D360CityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_city_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/d360-city-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, saved_label);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, county_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, population_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, latitude_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, longitude_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, mayor_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, website_row);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, strengths_view);
  gtk_widget_class_bind_template_child (widget_class, D360CityEditor, dimensions_group);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, population_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, area_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, coordinates_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mayor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, website_changed_cb);
}

static void
d360_city_editor_init (D360CityEditor *self)
{
  const GPtrArray *countries = d360_iso_codes_get (D360_ISO_COUNTRIES);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->save_later = d360_debouncer_new (SAVE_DELAY_MS, save_now, self);
  self->country_codes = g_ptr_array_new ();
  self->county_codes = g_ptr_array_new ();

  gtk_string_list_append (names, C_("country", "None"));
  for (guint i = 0; i < countries->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (countries, i);

      gtk_string_list_append (names, entry->name);
      g_ptr_array_add (self->country_codes, entry->code);
    }
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (names));
  fill_counties (self, NULL);

  build_dimension_rows (self);

  g_signal_connect_object (self->country_row, "notify::selected",
                           G_CALLBACK (country_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->county_row, "notify::selected",
                           G_CALLBACK (county_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->summary_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->strengths_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

/* ----------------------------------------------------------------- public */

void
d360_city_editor_set_store (D360CityEditor *self,
                            D360Store      *store)
{
  g_return_if_fail (D360_IS_CITY_EDITOR (self));

  d360_debouncer_flush (self->save_later);
  g_set_object (&self->store, store);
}

/**
 * d360_city_editor_set_city:
 * @city_id: the city to edit, or 0 for none
 *
 * Saves a pending edit of the previous city first.
 */
void
d360_city_editor_set_city (D360CityEditor *self,
                           gint64          city_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (D360_IS_CITY_EDITOR (self));

  d360_debouncer_flush (self->save_later);
  g_clear_object (&self->city);

  if (city_id > 0 && self->store != NULL)
    {
      self->city = d360_store_get_city (self->store, city_id, &error);
      if (self->city == NULL)
        g_warning ("Could not load city %" G_GINT64_FORMAT ": %s", city_id, error->message);
    }

  load_city (self);
}

gint64
d360_city_editor_get_city (D360CityEditor *self)
{
  g_return_val_if_fail (D360_IS_CITY_EDITOR (self), 0);

  return self->city != NULL ? d360_city_get_id (self->city) : 0;
}

/**
 * d360_city_editor_flush:
 *
 * Saves a pending edit now.
 */
void
d360_city_editor_flush (D360CityEditor *self)
{
  g_return_if_fail (D360_IS_CITY_EDITOR (self));

  d360_debouncer_flush (self->save_later);
}

void
d360_city_editor_focus_name (D360CityEditor *self)
{
  g_return_if_fail (D360_IS_CITY_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
