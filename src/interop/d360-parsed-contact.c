/* d360-parsed-contact.c — a contact as read from (or written to) an outside file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-interop"

#include "config.h"

#include <string.h>

#include "d360-parsed-contact.h"

G_DEFINE_QUARK (d360-import-error-quark, d360_import_error)

static void
contact_field_free (gpointer data)
{
  D360ContactField *field = data;

  g_free (field->value);
  g_free (field->label);
  g_free (field);
}

static void
postal_address_free (D360PostalAddress *address)
{
  g_free (address->street);
  g_free (address->locality);
  g_free (address->region);
  g_free (address->postal_code);
  g_free (address->country);
  g_free (address);
}

static D360ContactField *
contact_field_new (const char *value,
                   guint       types,
                   const char *label)
{
  D360ContactField *field = g_new0 (D360ContactField, 1);

  field->value = g_strdup (value);
  field->types = types;
  field->label = label != NULL && *label != '\0' ? g_strdup (label) : NULL;
  return field;
}

static gboolean
is_domain_label_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c >= 0x80;
}

/**
 * d360_parsed_contact_new:
 *
 * Returns: (transfer full): an empty contact, with empty email, phone,
 *   category and language lists
 */
D360ParsedContact *
d360_parsed_contact_new (void)
{
  D360ParsedContact *contact = g_new0 (D360ParsedContact, 1);

  contact->emails = g_ptr_array_new_with_free_func (contact_field_free);
  contact->phones = g_ptr_array_new_with_free_func (contact_field_free);
  contact->categories = g_ptr_array_new_with_free_func (g_free);
  contact->languages = g_ptr_array_new_with_free_func (g_free);
  return contact;
}

/**
 * d360_parsed_contact_free:
 * @contact: (nullable) (transfer full): a contact
 *
 * Frees @contact and everything it holds.
 */
void
d360_parsed_contact_free (D360ParsedContact *contact)
{
  if (contact == NULL)
    return;

  g_free (contact->uid);
  g_free (contact->honorific);
  g_free (contact->given_name);
  g_free (contact->family_name);
  g_free (contact->full_name);
  g_free (contact->organization);
  g_free (contact->job_title);
  g_free (contact->role);
  g_clear_pointer (&contact->emails, g_ptr_array_unref);
  g_clear_pointer (&contact->phones, g_ptr_array_unref);
  g_clear_pointer (&contact->address, postal_address_free);
  g_free (contact->note);
  g_clear_pointer (&contact->categories, g_ptr_array_unref);
  g_clear_pointer (&contact->languages, g_ptr_array_unref);
  g_free (contact->birthday);
  g_free (contact->website);
  g_free (contact);
}

/**
 * d360_parsed_contact_add_email:
 * @contact: a contact
 * @value: the address, UTF-8
 * @types: #D360ContactFieldType bits
 * @label: (nullable): a label of the file's own ("Assistant"), or %NULL
 *
 * Appends an email address, flagged as invalid when it does not look like one.
 */
void
d360_parsed_contact_add_email (D360ParsedContact *contact,
                               const char        *value,
                               guint              types,
                               const char        *label)
{
  D360ContactField *field;

  g_return_if_fail (contact != NULL);
  g_return_if_fail (value != NULL);

  field = contact_field_new (value, types, label);
  field->invalid = !d360_email_is_plausible (value);
  g_ptr_array_add (contact->emails, field);
}

/**
 * d360_parsed_contact_add_phone:
 * @contact: a contact
 * @value: the number as written, UTF-8
 * @types: #D360ContactFieldType bits
 * @label: (nullable): a label of the file's own, or %NULL
 *
 * Appends a phone number, flagged as invalid when it does not look like one.
 */
void
d360_parsed_contact_add_phone (D360ParsedContact *contact,
                               const char        *value,
                               guint              types,
                               const char        *label)
{
  D360ContactField *field;

  g_return_if_fail (contact != NULL);
  g_return_if_fail (value != NULL);

  field = contact_field_new (value, types, label);
  field->invalid = !d360_phone_is_plausible (value);
  g_ptr_array_add (contact->phones, field);
}

/**
 * d360_parsed_contact_get_display_name:
 * @contact: a contact
 *
 * The name to show: the full name; else the given and family names (which
 * then become the full name); else the organization, the first email
 * address or the first phone number.
 *
 * Returns: (nullable): the name, owned by @contact; %NULL for an empty contact
 */
const char *
d360_parsed_contact_get_display_name (D360ParsedContact *contact)
{
  g_return_val_if_fail (contact != NULL, NULL);

  if (contact->full_name != NULL && *contact->full_name != '\0')
    return contact->full_name;

  if ((contact->given_name != NULL && *contact->given_name != '\0') ||
      (contact->family_name != NULL && *contact->family_name != '\0'))
    {
      g_autoptr(GString) name = g_string_new (NULL);

      if (contact->given_name != NULL)
        g_string_append (name, contact->given_name);
      if (contact->family_name != NULL && *contact->family_name != '\0')
        {
          if (name->len > 0)
            g_string_append_c (name, ' ');
          g_string_append (name, contact->family_name);
        }
      g_free (contact->full_name);
      contact->full_name = g_string_free (g_steal_pointer (&name), FALSE);
      return contact->full_name;
    }

  if (contact->organization != NULL && *contact->organization != '\0')
    return contact->organization;
  if (contact->emails->len > 0)
    return ((D360ContactField *) contact->emails->pdata[0])->value;
  if (contact->phones->len > 0)
    return ((D360ContactField *) contact->phones->pdata[0])->value;
  return NULL;
}

/**
 * d360_parsed_contact_is_empty:
 * @contact: a contact
 *
 * Returns: whether @contact has nothing to identify it by: no name, no
 *   organization, no email address and no phone number
 */
gboolean
d360_parsed_contact_is_empty (const D360ParsedContact *contact)
{
  g_return_val_if_fail (contact != NULL, TRUE);

  return (contact->full_name == NULL || *contact->full_name == '\0') &&
         (contact->given_name == NULL || *contact->given_name == '\0') &&
         (contact->family_name == NULL || *contact->family_name == '\0') &&
         (contact->organization == NULL || *contact->organization == '\0') &&
         contact->emails->len == 0 && contact->phones->len == 0;
}

/**
 * d360_email_is_plausible:
 * @email: (nullable): an email address
 *
 * A deliberately loose check, for flagging at import: one "@", a local part
 * without spaces or specials, and a domain of at least two dot-separated
 * labels. Internationalised (UTF-8) addresses pass.
 *
 * Returns: whether @email looks like an email address
 */
gboolean
d360_email_is_plausible (const char *email)
{
  const char *at;
  const char *p;
  const char *label;
  gsize len;
  guint n_labels = 0;
  gboolean tld_has_letter = FALSE;

  if (email == NULL)
    return FALSE;

  len = strlen (email);
  at = strchr (email, '@');
  if (len < 3 || len > 254 || at == NULL || at == email || at - email > 64 ||
      strchr (at + 1, '@') != NULL)
    return FALSE;

  if (email[0] == '.' || at[-1] == '.' || strstr (email, "..") != NULL)
    return FALSE;
  for (p = email; p < at; p++)
    {
      guchar c = *p;

      if (c <= ' ' || c == 0x7f || strchr ("()<>[]:;,\\\"", c) != NULL)
        return FALSE;
    }

  label = at + 1;
  for (p = label;; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          gsize label_len = p - label;

          if (label_len == 0 || label_len > 63 || *label == '-' || p[-1] == '-')
            return FALSE;
          n_labels++;
          tld_has_letter = FALSE;
          for (const char *q = label; q < p; q++)
            tld_has_letter |= !g_ascii_isdigit (*q);
          if (*p == '\0')
            break;
          label = p + 1;
        }
      else if (!is_domain_label_char (*p))
        return FALSE;
    }

  return n_labels >= 2 && tld_has_letter;
}

/**
 * d360_phone_is_plausible:
 * @phone: (nullable): a phone number as written
 *
 * Digits with the usual punctuation (spaces, "-", ".", "/", brackets), an
 * optional leading "+" or "tel:", and an optional extension ("x12",
 * "ext. 12", ";ext=12", "#12"); between 3 and 17 digits before the extension.
 *
 * Returns: whether @phone looks like a phone number
 */
gboolean
d360_phone_is_plausible (const char *phone)
{
  const char *p;
  guint digits = 0;
  gboolean seen_plus = FALSE;

  if (phone == NULL)
    return FALSE;

  p = phone;
  if (g_ascii_strncasecmp (p, "tel:", 4) == 0)
    p += 4;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+')
        {
          if (seen_plus || digits > 0)
            return FALSE;
          seen_plus = TRUE;
        }
      else if (strchr (" -./()\t", *p) != NULL)
        continue;
      else if (digits > 0 && (g_ascii_strncasecmp (p, "ext", 3) == 0 || *p == 'x' || *p == 'X' ||
                              *p == '#' || *p == ';' || *p == ','))
        break;
      else
        return FALSE;
    }

  return digits >= 3 && digits <= 17;
}

/**
 * d360_parse_problem_free:
 * @problem: (nullable) (transfer full): a problem
 *
 * Frees @problem.
 */
void
d360_parse_problem_free (D360ParseProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->reason);
  g_free (problem);
}
