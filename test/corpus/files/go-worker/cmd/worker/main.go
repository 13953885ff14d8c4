package main

import (
	"context"
	"fmt"
	"log"

	"github.com/digitalocean/godo"
	"github.com/slack-go/slack"
)

const (
	slackToken = "xoxb-667197598765-1739340333675-NTptAmIeiTNFl4MrwCDO28jN"
	doToken    = "dop_v1_5e7ccd0e567c4269d168faf2c6931f2678836583a3e2431abf10b19acdf62fb1"
)

var sentryAuthToken = "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"

func main() {
	api := slack.New(slackToken)
	do := godo.NewFromToken(doToken)
	droplets, _, err := do.Droplets.List(context.Background(), &godo.ListOptions{PerPage: 50})
	if err != nil {
		log.Fatal(err)
	}
	_, _, _ = api.PostMessage("#ops", slack.MsgOptionText(fmt.Sprintf("%d droplets", len(droplets)), false))
}
