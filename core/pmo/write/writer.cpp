#include <pmo/journal/journal.hpp>
#include <pmo/store/loader.hpp>
#include <pmo/write/writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace pmo::write {
namespace {

using model::Lang;
using model::tr;

constexpr int k_attempts = 8;

// `base` with `files` written over it: what HEAD would hold after the commit.
class OverlayStore final : public store::Store {
public:
  OverlayStore(const store::Store& base, const std::vector<git::FileWrite>& files) : m_base(base) {
    for (const auto& file : files) {
      m_files[file.path] = &file.content;
    }
  }
  std::optional<std::string> read(const std::string& path) const override {
    const auto found = m_files.find(path);
    if (found == m_files.end()) {
      return m_base.read(path);
    }
    if (found->second->size() > k_max_record_bytes) {
      store::refuse(path, "file-too-large",
                    fmt::format("{}: {} bytes, more than the {} bytes a record may have", path,
                                found->second->size(), k_max_record_bytes));
    }
    return *found->second;
  }
  std::vector<std::string> list(const std::string& dir) const override {
    std::set<std::string> names;
    for (auto& name : m_base.list(dir)) {
      names.insert(std::move(name));
    }
    const std::string prefix = dir.empty() || dir == "." ? std::string() : dir + "/";
    for (const auto& [path, content] : m_files) {
      if (path.size() > prefix.size() && path.starts_with(prefix)) {
        const std::string rest = path.substr(prefix.size());
        names.insert(rest.substr(0, rest.find('/')));
      }
    }
    return {names.begin(), names.end()};
  }
  // The base's entries (each with whether it is a directory, from the base's own listing) and
  // the pending files' names: one is a directory where a pending file lies below it.
  std::vector<store::Entry> entries(const std::string& dir) const override {
    std::map<std::string, bool> found;
    for (auto& entry : m_base.entries(dir)) {
      found.emplace(std::move(entry.name), entry.dir);
    }
    const std::string prefix = dir.empty() || dir == "." ? std::string() : dir + "/";
    for (const auto& [path, content] : m_files) {
      if (path.size() > prefix.size() && path.starts_with(prefix)) {
        const std::string rest = path.substr(prefix.size());
        const std::size_t slash = rest.find('/');
        bool& is_dir = found[rest.substr(0, slash)];
        is_dir = is_dir || slash != std::string::npos;
      }
    }
    std::vector<store::Entry> out;
    out.reserve(found.size());
    for (auto& [name, is_dir] : found) {
      out.push_back(store::Entry{name, is_dir});
    }
    return out;
  }
  bool is_dir(const std::string& path) const override {
    if (m_base.is_dir(path)) {
      return true;
    }
    const std::string prefix = path + "/";
    return std::any_of(m_files.begin(), m_files.end(),
                       [&](const auto& file) { return file.first.starts_with(prefix); });
  }

private:
  const store::Store& m_base;
  std::map<std::string, const std::string*> m_files;
};

store::Loaded load(const store::Store& view, const Scope& scope, Lang lang) {
  switch (scope.kind) {
  case Scope::Kind::office:
    return store::load_office(view, lang, false);
  case Scope::Kind::office_and_ids:
    return store::load_office(view, lang, true);
  case Scope::Kind::project:
    return store::load_project(view, lang, scope.project);
  case Scope::Kind::gate_decision: {
    store::Loaded one = store::load_project(view, lang, scope.project);
    const model::Project* project = one.portfolio.project(scope.project);
    if (!one.office_ok || !project || project->assignments.empty() ||
        one.portfolio.office.control.baseline_gate != scope.gate)
      return one;
    break;
  }
  case Scope::Kind::portfolio:
    break;
  }
  return store::load_portfolio(view, lang);
}

[[noreturn]] void refuse_env(std::string message) {
  throw WriteError(WriteError::Category::environment, std::move(message));
}

void check_operation(const git::Repository& repo, Lang lang) {
  const std::string operation = repo.operation_in_progress();
  if (operation.empty()) {
    return;
  }
  refuse_env(tr(lang,
                "a {} is in progress in this repository; finish or abort it first (git status "
                "says how); nothing written",
                "仓库中有进行中的 {} 操作；请先完成或中止（见 git status）；未写入任何内容",
                operation));
}

void check_clock(const git::Repository& repo, model::Timestamp now, Lang lang) {
  const auto head_time = repo.head_time();
  if (!head_time || now >= *head_time) {
    return;
  }
  refuse_env(tr(lang,
                "the clock says {}, earlier than HEAD's commit time {} (commit {}): a write may "
                "not be dated before what it builds on; fix the machine's clock or PMO_NOW; "
                "nothing written",
                "当前时间 {} 早于 HEAD 的提交时间 {}（提交 {}）：写入的时间不能早于其所依据的记录；"
                "请校正系统时钟或 PMO_NOW；未写入任何内容",
                model::format_timestamp(now), model::format_timestamp(*head_time),
                repo.head_id().substr(0, 12)));
}

} // namespace

std::vector<model::Finding> read_back(const store::Store& head,
                                      const std::vector<git::FileWrite>& files, Lang lang) {
  std::set<std::string> written;
  std::set<std::string> projects;
  bool office = false;
  std::vector<model::Finding> refused;
  for (const auto& file : files) {
    written.insert(file.path);
    if (file.content.size() > k_max_record_bytes) {
      refused.push_back(
          model::Finding{model::Severity::error, model::Location{file.path, 0, 0}, "file-too-large",
                         tr(lang, "{} bytes, more than the {} bytes the reader accepts in a record",
                            "{} 字节，超过读取器允许的单个记录大小 {} 字节", file.content.size(),
                            k_max_record_bytes)});
      continue;
    }
    if (file.path.starts_with("projects/")) {
      const std::string rest = file.path.substr(9);
      if (const auto slash = rest.find('/'); slash != std::string::npos) {
        projects.insert(rest.substr(0, slash));
        continue;
      }
    }
    office = true;
  }
  if (!refused.empty()) {
    return refused;
  }
  const OverlayStore after(head, files);
  std::vector<store::Loaded> loads;
  if (office || projects.empty()) {
    loads.push_back(store::load_office(after, lang, false));
  }
  for (const auto& project : projects) {
    loads.push_back(store::load_project(after, lang, project));
  }
  for (auto& loaded : loads) {
    for (auto& finding : loaded.findings) {
      if (finding.severity == model::Severity::error && written.count(finding.where.file) &&
          std::none_of(refused.begin(), refused.end(), [&](const model::Finding& seen) {
            return seen.where.file == finding.where.file && seen.message == finding.message &&
                   seen.where.line == finding.where.line;
          })) {
        refused.push_back(std::move(finding));
      }
    }
  }
  return refused;
}

git::CommitSigner signer_for(const git::Repository& repo, const model::Office& office,
                             const Plan& plan, Lang lang) {
  const bool required = plan.reviewer && office.ledger.signing_required;
  const git::SigningConfig config = repo.signing_config();
  if (!required && !config.signs_with_ssh())
    return {};
  const std::string record = plan.reviewer ? "people/" + plan.reviewer->id + ".yaml" : "";
  if (config.key.empty()) {
    if (required)
      refuse_env(tr(lang,
                    "pmo.yaml requires signed decisions (ledger.signing: required), and no signing "
                    "key is configured: name the private key with git config user.signingkey "
                    "~/.ssh/id_ed25519, its public half being ssh_key: in {}; nothing written",
                    "pmo.yaml 要求决策签名（ledger.signing: required），但未配置签名密钥：请用 git "
                    "config user.signingkey ~/.ssh/id_ed25519 指定私钥，其公钥须为 {} 中的 "
                    "ssh_key:；未写入任何内容",
                    record));
    refuse_env(tr(lang,
                  "git config asks for signed commits (commit.gpgsign with gpg.format=ssh), and "
                  "no signing key is configured: git config user.signingkey ~/.ssh/id_ed25519; "
                  "nothing written",
                  "git 配置要求提交签名（commit.gpgsign 且 gpg.format=ssh），但未配置签名密钥："
                  "git config user.signingkey ~/.ssh/id_ed25519；未写入任何内容"));
  }
  std::optional<git::PublicKey> roster_key;
  if (plan.reviewer)
    roster_key = git::parse_public_key(plan.reviewer->ssh_key);
  if (required && !roster_key)
    throw WriteError(WriteError::Category::findings,
                     tr(lang,
                        "pmo.yaml requires signed decisions (ledger.signing: required), and {} "
                        "has no ssh_key: add their public key (ssh_key: ssh-ed25519 AAAA…) to "
                        "{}; nothing written",
                        "pmo.yaml 要求决策签名（ledger.signing: required），但 {} 没有 ssh_key："
                        "请在 {} 中加入其公钥（ssh_key: ssh-ed25519 AAAA…）；未写入任何内容",
                        plan.reviewer->id, record));
  auto keygen = std::make_shared<git::SshKeygen>(config.program);
  const git::SigningKey key = git::signing_key(config.key);
  if (!roster_key) // a commit that is no one's decision, or a reviewer without a key: nothing to
                   // match
    return [keygen, key](std::string_view buffer) { return keygen->sign(buffer, key); };
  if (keygen->public_key(key) != *roster_key)
    throw WriteError(WriteError::Category::findings,
                     tr(lang,
                        "the signing key {} (git config user.signingkey) is not {}'s ssh_key in "
                        "{}: pmo verify would reject the decision; sign with their key, or have "
                        "the roster corrected; nothing written",
                        "签名密钥 {}（git config user.signingkey）不是 {} 中 {} 的 ssh_key："
                        "pmo verify 将拒绝该决策；请使用其本人的密钥签名，或更正人员名册；"
                        "未写入任何内容",
                        key.configured, plan.reviewer->id, record),
                     {});
  // What verify will check, checked before the commit exists: a stale .pub beside the key, or
  // an agent holding another key, is refused here rather than by verify.
  const std::string principal = journal::signer_principal(*plan.reviewer);
  const std::string allowed = journal::allowed_signers({&*plan.reviewer});
  const std::string reviewer = plan.reviewer->id;
  return [keygen, key, principal, allowed, reviewer, record, lang](std::string_view buffer) {
    std::string signature = keygen->sign(buffer, key);
    const auto check = keygen->verify(allowed, principal, signature, buffer);
    if (check.verdict != git::SshKeygen::Verdict::good)
      throw WriteError(WriteError::Category::findings,
                       tr(lang,
                          "the signature made with {} does not verify with {}'s ssh_key in {} "
                          "({}): pmo verify would reject the decision; nothing written",
                          "用 {} 生成的签名无法用 {} 中 {} 的 ssh_key 验证（{}）：pmo verify "
                          "将拒绝该决策；未写入任何内容",
                          key.configured, reviewer, record,
                          check.detail.empty() ? std::string("another key") : check.detail));
    return signature;
  };
}

std::string run(git::Repository& repo, const Request& request) {
  const Lang lang = request.lang;
  git::WriteLock lock = repo.lock_for_write();
  check_operation(repo, lang);
  // A pmo killed between its commit and the working-tree update left HEAD's files unstaged.
  for (const auto& restored : repo.finish_interrupted_write()) {
    if (request.on_restored) {
      request.on_restored(restored);
    }
  }
  if (!request.scope.clean_first.empty()) {
    std::vector<std::string> paths;
    for (const auto& path : request.scope.clean_first)
      paths.push_back(request.prefix + path);
    if (const auto dirty = repo.dirty_paths(paths); !dirty.empty())
      throw WriteError(WriteError::Category::findings,
                       tr(lang,
                          "uncommitted changes in {}: pmo decides on the committed version; "
                          "commit your edits first (git commit), or discard them",
                          "{} 有未提交的修改：pmo 依据已提交的版本作出判断；请先提交修改"
                          "（git commit）或撤销",
                          fmt::join(dirty, ", ")));
  }
  for (int attempt = 0; attempt < k_attempts; ++attempt) {
    const std::string head = repo.head_id();
    check_clock(repo, request.now, lang);
    const std::unique_ptr<store::Store> committed = repo.head_store();
    const store::SubdirStore view(*committed, request.prefix);
    store::Loaded loaded = load(view, request.scope, lang);
    if (request.prepare)
      request.prepare(loaded);
    Plan plan = request.build(loaded);

    if (const auto refused = read_back(view, plan.files, lang); !refused.empty()) {
      throw WriteError(WriteError::Category::findings,
                       tr(lang,
                          "pmo would not be able to read back what this write commits; "
                          "nothing written",
                          "本次写入的内容无法被 pmo 读回；未写入任何内容"),
                       refused);
    }
    if (plan.message.size() > k_max_message_bytes) {
      throw WriteError(WriteError::Category::findings,
                       tr(lang,
                          "the commit message would be {} bytes, more than {}: shorten the "
                          "text given; nothing written",
                          "提交说明将有 {} 字节，超过 {} 字节：请缩短所给文本；未写入任何内容",
                          plan.message.size(), k_max_message_bytes));
    }
    std::vector<std::string> touched;
    for (auto& file : plan.files) {
      file.path = request.prefix + file.path;
      touched.push_back(file.path);
    }
    if (const auto change = repo.filter_change(plan.files)) {
      throw WriteError(WriteError::Category::findings,
                       tr(lang,
                          "{}: the .gitattributes attribute '{}' would make git store or check "
                          "out other content than pmo writes; remove it for pmo's records; "
                          "nothing written",
                          "{}：.gitattributes 中的属性“{}”会使 git 存储或检出的内容与 pmo "
                          "写入的不同；请对 pmo 的记录去掉该属性；未写入任何内容",
                          change->path, change->attributes));
    }
    for (const auto& path : plan.must_be_clean) {
      touched.push_back(request.prefix + path);
    }
    const auto dirty = repo.dirty_paths(touched);
    if (!dirty.empty()) {
      throw WriteError(
          WriteError::Category::findings,
          tr(lang, "uncommitted changes in {}; commit or discard them first (git status)",
             "{} 有未提交的修改；请先提交或撤销（git status）", fmt::join(dirty, ", ")));
    }
    if (plan.create_only) {
      for (const auto& file : plan.files) {
        if (!repo.head_blob_id(file.path).empty()) {
          throw WriteError(WriteError::Category::findings,
                           tr(lang, "{} already exists", "{} 已存在", file.path));
        }
      }
    }
    git::Signature committer = request.committer;
    committer.when = request.now;
    const git::CommitSigner sign = signer_for(repo, loaded.portfolio.office, plan, lang);
    if (const auto id = repo.commit(head, plan.files, plan.author, committer, plan.message, sign)) {
      return *id;
    }
    // HEAD moved under us (a commit from outside pmo): re-read and decide again.
  }
  refuse_env(tr(lang, "HEAD kept moving during the write; nothing was written",
                "写入期间 HEAD 持续变化；未写入任何内容"));
}

} // namespace pmo::write
