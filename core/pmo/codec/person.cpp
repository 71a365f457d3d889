#include <pmo/codec/decoding.hpp>
#include <pmo/codec/kinds.hpp>
#include <pmo/codec/records.hpp>
#include <pmo/codec/writing.hpp>
#include <pmo/model/ids.hpp>

#include <cmath>

namespace pmo::codec {

using namespace detail;

Decoded<model::Person> decode_person(std::string_view text, const std::string& file,
                                     const std::string& id, model::Lang lang) {
  Decoded<model::Person> out;
  model::Person& person = out.value;
  person.id = id;
  person.file = file;
  Ctx ctx{file, lang, out.findings};
  auto root = parse_root(ctx, text);
  if (!root)
    return finish(std::move(out));
  Map map{ctx, *root, "", person.where, model::person_fields().keys("")};
  read_date(ctx, map, "retired", person.retired);

  require_text(ctx, map, "name", person.name);
  if (person.name.find_first_of("<>") != std::string::npos || has_control(person.name))
    ctx.error(map.get("name")->at, "bad-value",
              pick(lang, "name may not contain '<', '>' or control characters (it signs commits)",
                   "name 不能包含“<”“>”或控制字符（它用于提交的署名）"));
  else if (!person.name.empty() && !model::is_signable_name(person.name))
    ctx.error(map.get("name")->at, "bad-value",
              tr(lang,
                 "name '{}' has nothing git keeps as an author's name (git drops spaces and "
                 ". , : ; \" \\ ' at either end); give the person's name",
                 "name“{}”中没有 git 可保留为作者姓名的字符（git 会去掉两端的空格及 . , : ; "
                 "\" \\ '）；请填写姓名",
                 person.name));

  if (const Field* field = map.get("email")) {
    if (auto email = text_of(ctx, *field)) {
      const auto at = email->find('@');
      const bool ok = at != std::string::npos && at > 0 && at + 1 < email->size() &&
                      email->find_first_of("<> ,;") == std::string::npos && !has_control(*email);
      if (ok || email->empty())
        person.email = std::move(*email);
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "email: '{}' is not an e-mail address", "email：“{}”不是电子邮箱地址",
                     *email));
    }
  }

  if (const Field* field = map.require("roles")) {
    const std::size_t before = out.findings.size();
    person.roles = list_of(ctx, *field, person.where, true);
    if (person.roles.empty() && out.findings.size() == before)
      ctx.error(field->at, "missing-field",
                pick(lang, "roles must name at least one role", "roles 至少要有一个角色"));
  }

  if (const Field* field = map.get("ssh_key")) {
    if (auto key = text_of(ctx, *field)) {
      const bool ok =
          (key->starts_with("ssh-") || key->starts_with("ecdsa-") || key->starts_with("sk-")) &&
          key->find(' ') != std::string::npos && !has_control(*key);
      if (ok || key->empty())
        person.ssh_key = std::move(*key);
      else
        ctx.error(field->at, "bad-value",
                  pick(lang, "ssh_key must be an SSH public key line (ssh-ed25519 AAAA…)",
                       "ssh_key 必须是一行 SSH 公钥（ssh-ed25519 AAAA…）"));
    }
  }

  if (const Field* field = map.get("capacity")) {
    if (auto capacity = number_of(ctx, *field)) {
      if (*capacity > 0 && *capacity <= 1)
        person.capacity = *capacity;
      else
        ctx.error(field->at, "bad-value",
                  tr(lang, "capacity must be more than 0 and at most 1 (FTE), not {}",
                     "capacity 必须大于 0 且不超过 1（全职当量），而不是 {}",
                     field->value.Scalar()));
    }
  }
  return finish(std::move(out));
}

std::string encode_person(const model::Person& person) {
  Writer w;
  w.verbatim(schema_modeline("person"));
  w.text(0, "name", person.name);
  w.text(0, "email", person.email);
  w.id_list(0, "roles", person.roles);
  const double capacity = person.capacity;
  w.raw(0, "capacity",
        capacity == std::trunc(capacity) ? fmt::format("{:.1f}", capacity)
                                         : format_number(capacity));
  w.text(0, "ssh_key", person.ssh_key);
  w.date(0, "retired", person.retired);
  return std::move(w).str();
}

} // namespace pmo::codec
