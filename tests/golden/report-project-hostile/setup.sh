# The title and a risk's description, as a pull request could write them (YAML escapes).
sed -i 's/^title: .*/title: "Data | <b>platform<\/b> https:\/\/evil.example *bold* \\e[31mred\\nline two"/' \
  projects/XH-2026-003/project.yaml
risk=$(ls projects/XH-2026-003/risks/*.yaml | head -1)
sed -i 's/^description: .*/description: "| cell | break\\n## heading <script>x<\/script>"/' "$risk"
