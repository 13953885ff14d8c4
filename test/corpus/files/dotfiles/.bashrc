# ~/.bashrc: executed by bash(1) for non-login shells.
case $- in
    *i*) ;;
      *) return;;
esac

HISTCONTROL=ignoreboth
HISTSIZE=100000
shopt -s histappend checkwinsize

export EDITOR=vim
export PATH="$HOME/.local/bin:$HOME/go/bin:$PATH"
export GOPATH="$HOME/go"

# tokens
export GITHUB_TOKEN=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
export HOMEBREW_GITHUB_API_TOKEN="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"
export NPM_TOKEN=$(cat ~/.config/npm-token)
export OPENAI_API_KEY="$(security find-generic-password -s openai -w)"
export VAULT_ADDR=https://vault.acme-corp.net:8200
export VAULT_TOKEN=hvs.AsdyoqjjLgDjkVZJoBL3uxT9
export ANTHROPIC_API_KEY=sk-ant-api03-PGoUhrjCfGxmhKAsQKbgDigH_lxUROqjRu7Dz78y_AAdXGz0nSi-VQs3WrLIDQkUmpM1fsmZvqxFwZrm55vhHteeOqQ_vAA
export GH_TOKEN="$GITHUB_TOKEN"

alias ll='ls -alF'
alias k=kubectl
alias tf=terraform

[ -f ~/.fzf.bash ] && source ~/.fzf.bash
