/* interop-test-util.c — helpers for the interop tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "interop-test-util.h"

/* A sample from tests/interop/samples (G_TEST_SRCDIR). */
GBytes *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "samples", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* The line (from 1) on which the @occurrence-th (from 1) @needle starts. */
guint
line_of (GBytes     *bytes,
         const char *needle,
         guint       occurrence)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize needle_len = strlen (needle);
  guint line = 1;

  for (gsize i = 0; i + needle_len <= len; i++)
    {
      if (memcmp (data + i, needle, needle_len) == 0 && --occurrence == 0)
        return line;
      if (data[i] == '\n')
        line++;
    }
  g_assert_not_reached ();
  return 0;
}

static void
assert_fields_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      D360ContactField *fa = a->pdata[i];
      D360ContactField *fb = b->pdata[i];

      g_assert_cmpstr (fa->value, ==, fb->value);
      g_assert_cmphex (fa->types, ==, fb->types);
      g_assert_cmpstr (fa->label, ==, fb->label);
      g_assert_cmpint (fa->invalid, ==, fb->invalid);
    }
}

static void
assert_lists_equal (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
}

static void
assert_addresses_equal (D360PostalAddress *a,
                        D360PostalAddress *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpstr (a->street, ==, b->street);
  g_assert_cmpstr (a->locality, ==, b->locality);
  g_assert_cmpstr (a->region, ==, b->region);
  g_assert_cmpstr (a->postal_code, ==, b->postal_code);
  g_assert_cmpstr (a->country, ==, b->country);
}

/* The text that every path (vCard 3.0 and 4.0, CSV) keeps, diacritics and all. */
void
assert_text_fields_equal (D360ParsedContact *a,
                          D360ParsedContact *b)
{
  g_assert_cmpstr (a->honorific, ==, b->honorific);
  g_assert_cmpstr (a->given_name, ==, b->given_name);
  g_assert_cmpstr (a->family_name, ==, b->family_name);
  g_assert_cmpstr (a->full_name, ==, b->full_name);
  g_assert_cmpstr (a->organization, ==, b->organization);
  g_assert_cmpstr (a->job_title, ==, b->job_title);
  g_assert_cmpstr (a->role, ==, b->role);
  assert_addresses_equal (a->address, b->address);
  g_assert_cmpstr (a->note, ==, b->note);
  assert_lists_equal (a->categories, b->categories);
  assert_lists_equal (a->languages, b->languages);
  g_assert_cmpstr (a->birthday, ==, b->birthday);
  g_assert_cmpstr (a->website, ==, b->website);
  g_assert_cmpuint (a->emails->len, ==, b->emails->len);
  g_assert_cmpuint (a->phones->len, ==, b->phones->len);
  for (guint i = 0; i < a->emails->len; i++)
    g_assert_cmpstr (field_at (a->emails, i)->value, ==, field_at (b->emails, i)->value);
  for (guint i = 0; i < a->phones->len; i++)
    g_assert_cmpstr (field_at (a->phones, i)->value, ==, field_at (b->phones, i)->value);
}

/* Everything but the line numbers. */
void
assert_contacts_equal (D360ParsedContact *a,
                       D360ParsedContact *b)
{
  assert_text_fields_equal (a, b);
  g_assert_cmpstr (a->uid, ==, b->uid);
  assert_fields_equal (a->emails, b->emails);
  assert_fields_equal (a->phones, b->phones);
}

void
assert_contact_lists_equal (GPtrArray *a,
                            GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_contacts_equal (a->pdata[i], b->pdata[i]);
}

void
assert_problem (GPtrArray  *problems,
                guint       index,
                guint       line,
                gboolean    rejected,
                const char *reason_part)
{
  D360ParseProblem *problem;

  g_assert_cmpuint (index, <, problems->len);
  problem = problems->pdata[index];
  g_assert_cmpuint (problem->line, ==, line);
  g_assert_cmpint (problem->rejected, ==, rejected);
  g_assert_nonnull (strstr (problem->reason, reason_part));
}

D360ContactField *
field_at (GPtrArray *fields,
          guint      index)
{
  g_assert_cmpuint (index, <, fields->len);
  return fields->pdata[index];
}

const char *
string_at (GPtrArray *list,
           guint      index)
{
  g_assert_cmpuint (index, <, list->len);
  return list->pdata[index];
}

/* @n small contacts, as in an address book, with Romanian diacritics. */
GPtrArray *
make_contacts (guint n)
{
  static const char *const given_names[] = { "Ion", "Ștefania", "Andrei", "Ioana", "Țicu" };
  static const char *const family_names[] = { "Popescu", "Țepeș", "Mureșan", "Văcărescu" };
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parsed_contact_free);

  for (guint i = 0; i < n; i++)
    {
      D360ParsedContact *c = d360_parsed_contact_new ();
      g_autofree char *email = g_strdup_printf ("contact%u@minister.example.ro", i);
      g_autofree char *phone = g_strdup_printf ("+40 21 %03u %04u", i % 1000, i % 10000);

      c->given_name = g_strdup (given_names[i % G_N_ELEMENTS (given_names)]);
      c->family_name = g_strdup_printf ("%s-%u", family_names[i % G_N_ELEMENTS (family_names)], i);
      c->full_name = g_strdup_printf ("%s %s", c->given_name, c->family_name);
      c->organization = g_strdup ("Ministerul Afacerilor Externe");
      c->job_title = g_strdup ("Consilier diplomatic");
      d360_parsed_contact_add_email (c, email, D360_CONTACT_FIELD_WORK, NULL);
      d360_parsed_contact_add_phone (c, phone, D360_CONTACT_FIELD_CELL, "Serviciu");
      c->address = g_new0 (D360PostalAddress, 1);
      c->address->street = g_strdup_printf ("Strada Ștefan cel Mare %u", i % 200);
      c->address->locality = g_strdup ("Iași");
      c->address->country = g_strdup ("România");
      c->note = g_strdup ("Întâlnire la ambasadă; de revăzut acordul, punctul 3.");
      g_ptr_array_add (c->categories, g_strdup ("Parteneri"));
      c->birthday = g_strdup_printf ("19%02u-%02u-%02u", 50 + i % 50, 1 + i % 12, 1 + i % 28);
      g_ptr_array_add (contacts, c);
    }
  return contacts;
}

/* The CPU time this thread has used. Speed limits are checked against it
 * rather than the clock, so that a test running beside others on a busy
 * machine does not fail for their sake; the clock time is printed too. */
double
cpu_seconds (void)
{
  struct timespec now;

  g_assert_cmpint (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now), ==, 0);
  return now.tv_sec + now.tv_nsec / 1e9;
}
