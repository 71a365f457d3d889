# A wrong type, an unknown field, an unknown person and broken YAML.
sed -i 's/^budget: .*/budget: lots/' projects/XH-2026-004/project.yaml
printf 'colour: blue\n' >>projects/XH-2026-006/project.yaml
sed -i 's/^manager: .*/manager: nobody/' projects/XH-2026-007/project.yaml
printf 'title: [unclosed\n' >projects/XH-2026-008/project.yaml
